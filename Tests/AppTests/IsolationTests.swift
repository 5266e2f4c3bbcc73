import Bindings
import Resilience
import FluentKit
import Fluent
import Community
import Foundation
import Persistence
import Testing
import Vapor
import ZIPFoundation

@testable import Web

/// Walks every registered route as people of municipality A (Aarhus), with municipality B
/// (Odense) seeded with marker strings, and fails if any response shows B's data or changes it.
/// It also fails when a route exists that has no case here: a new module cannot skip it.
@Suite struct IsolationTests {
    struct Probe {
        var path: String
        var form: [String: String]? = nil
        var api = false
    }

    /// The cases per route: A's own objects and B's objects probed from A's session.
    static func cases(
        _ w: World, snapshotA sa: UUID, snapshotB sb: UUID, incidentA ia: UUID = UUID(), incidentB ib: UUID = UUID(),
        nis2A na: Nis2Fixture = .none, nis2B nb: Nis2Fixture = .none, bindingsA ba: BindingsFixture = .none, bindingsB bb: BindingsFixture = .none
    ) -> [String: [Probe]] {
        let b = w.b.code
        let a = w.a.code
        let sn = "/licenser/oejebliksbilleder"
        let api = "/api/v1/organisations"
        let riskForm = ["title": "probe", "inherent_likelihood": "2", "inherent_impact": "2", "residual_likelihood": "1", "residual_impact": "1",
                        "treatment": "reduce", "asset": nb.asset.uuidString, "measures[]": nb.measure.uuidString]
        let bi = "/bindinger"
        let target = "component:\(bb.component)"
        let bindingForm = ["target": target, "type": "api", "strength": "hard", "functions": "probe"]
        let contractForm = ["name": "probe", "vendor_id": bb.vendor.uuidString, "usages[]": bb.system.uuidString, "notice_months": "1"]
        let planForm = ["title": "probe", "target": target, "contract_id": bb.contract.uuidString]
        return [
            "GET /bindinger": [Probe(path: bi)],
            "GET /bindinger/graf": [Probe(path: "\(bi)/graf"), Probe(path: "\(bi)/graf?leverandoer=\(bb.vendor)&maal=\(target)&afdeling=Odense"),
                Probe(path: "\(bi)/graf?afdeling=\(World.marker.lowercased())%20afdeling")],
            "GET /bindinger/konsekvens": [Probe(path: "\(bi)/konsekvens?maal=component:\(ba.component)"), Probe(path: "\(bi)/konsekvens?maal=\(target)")],
            "GET /bindinger/indlaasning": [Probe(path: "\(bi)/indlaasning")],
            "POST /bindinger/indlaasning": [Probe(path: "\(bi)/indlaasning", form: [:])],
            "GET /bindinger/leverandoerer": [Probe(path: "\(bi)/leverandoerer")],
            "POST /bindinger/leverandoerer": [Probe(path: "\(bi)/leverandoerer", form: ["name": "probe", "country": "DK", "parent_id": bb.vendor.uuidString])],
            "GET /bindinger/leverandoerer/:id": [Probe(path: "\(bi)/leverandoerer/\(ba.vendor)"), Probe(path: "\(bi)/leverandoerer/\(bb.vendor)")],
            "POST /bindinger/leverandoerer/:id": [Probe(path: "\(bi)/leverandoerer/\(bb.vendor)", form: ["name": "probe", "country": "DK"])],
            "POST /bindinger/leverandoerer/:id/produkter": [Probe(path: "\(bi)/leverandoerer/\(bb.vendor)/produkter", form: ["name": "probe"])],
            "POST /bindinger/produkter/:id/komponenter": [Probe(path: "\(bi)/produkter/\(bb.product)/komponenter", form: ["name": "probe"])],
            "GET /bindinger/systemer": [Probe(path: "\(bi)/systemer")],
            "GET /bindinger/systemer/:id": [Probe(path: "\(bi)/systemer/\(ba.system)"), Probe(path: "\(bi)/systemer/\(bb.system)")],
            "POST /bindinger/systemer/:id": [Probe(path: "\(bi)/systemer/\(bb.system)", form: ["users": "1"])],
            "POST /bindinger/systemer/:id/bindinger": [
                Probe(path: "\(bi)/systemer/\(bb.system)/bindinger", form: bindingForm),
                Probe(path: "\(bi)/systemer/\(ba.system)/bindinger", form: bindingForm),
            ],
            "POST /bindinger/systemer/:id/data": [Probe(path: "\(bi)/systemer/\(bb.system)/data", form: ["name": "probe"])],
            "POST /bindinger/bindinger/:id/slet": [Probe(path: "\(bi)/bindinger/\(bb.binding)/slet", form: [:])],
            "POST /bindinger/bindinger/:id/verificer": [Probe(path: "\(bi)/bindinger/\(bb.binding)/verificer", form: [:])],
            "GET /bindinger/kontrakter": [Probe(path: "\(bi)/kontrakter")],
            "POST /bindinger/kontrakter": [Probe(path: "\(bi)/kontrakter", form: contractForm)],
            "GET /bindinger/kontrakter/:id": [Probe(path: "\(bi)/kontrakter/\(ba.contract)"), Probe(path: "\(bi)/kontrakter/\(bb.contract)")],
            "POST /bindinger/kontrakter/:id": [Probe(path: "\(bi)/kontrakter/\(bb.contract)", form: contractForm)],
            "GET /bindinger/hvad-hvis": [Probe(path: "\(bi)/hvad-hvis?s1=component:\(ba.component)&s2=\(target)&a2=Odense")],
            "GET /bindinger/kontorpakke": [Probe(path: "\(bi)/kontorpakke"), Probe(path: "\(bi)/kontorpakke?maal=product:\(bb.product)")],
            "GET /bindinger/kontorpakke/brugere": [Probe(path: "\(bi)/kontorpakke/brugere?afdeling=Borgerservice"),
                Probe(path: "\(bi)/kontorpakke/brugere?afdeling=\(World.marker.lowercased())%20afdeling"),
                Probe(path: "\(bi)/kontorpakke/brugere?afdeling=Odense&maal=product:\(bb.product)")],
            "GET /bindinger/exitplaner": [Probe(path: "\(bi)/exitplaner"), Probe(path: "\(bi)/exitplaner?maal=\(target)")],
            "POST /bindinger/exitplaner": [Probe(path: "\(bi)/exitplaner", form: planForm)],
            "GET /bindinger/exitplaner/:id": [Probe(path: "\(bi)/exitplaner/\(ba.exitPlan)"), Probe(path: "\(bi)/exitplaner/\(bb.exitPlan)")],
            "POST /bindinger/exitplaner/:id": [Probe(path: "\(bi)/exitplaner/\(bb.exitPlan)", form: planForm)],
            "POST /bindinger/exitplaner/:id/godkend": [Probe(path: "\(bi)/exitplaner/\(bb.exitPlan)/godkend", form: [:])],
            "GET /bindinger/exitplaner/:id/udbudskrav": [
                Probe(path: "\(bi)/exitplaner/\(ba.exitPlan)/udbudskrav"), Probe(path: "\(bi)/exitplaner/\(bb.exitPlan)/udbudskrav"),
            ],
            "GET /bindinger/exitplaner/:id/udbudskrav.odt": [
                Probe(path: "\(bi)/exitplaner/\(ba.exitPlan)/udbudskrav.odt"), Probe(path: "\(bi)/exitplaner/\(bb.exitPlan)/udbudskrav.odt"),
            ],
            "GET /bindinger/import": [Probe(path: "\(bi)/import")],
            "POST /bindinger/import/kitos": [Probe(path: "\(bi)/import/kitos", form: ["x": "y"])],
            "POST /bindinger/import/csv": [Probe(path: "\(bi)/import/csv", form: ["x": "y"])],
            "GET /bindinger/eksport/:file": [
                Probe(path: "\(bi)/eksport/systemer.csv"), Probe(path: "\(bi)/eksport/leverandoerer.csv"), Probe(path: "\(bi)/eksport/bindinger.csv"),
            ],
            "GET /api/v1/organisations/:code/bindings/landscape": [
                Probe(path: "\(api)/\(a)/bindings/landscape", api: true), Probe(path: "\(api)/\(b)/bindings/landscape", api: true),
            ],
            "GET /api/v1/organisations/:code/bindings/lock-in": [
                Probe(path: "\(api)/\(a)/bindings/lock-in", api: true), Probe(path: "\(api)/\(b)/bindings/lock-in", api: true),
            ],
            "GET /api/v1/organisations/:code/bindings/blast-radius": [
                Probe(path: "\(api)/\(a)/bindings/blast-radius?target=component:\(ba.component)", api: true),
                Probe(path: "\(api)/\(a)/bindings/blast-radius?target=\(target)", api: true),
                Probe(path: "\(api)/\(b)/bindings/blast-radius?target=\(target)", api: true),
            ],
            "GET /api/v1/organisations/:code/bindings/exit-windows": [
                Probe(path: "\(api)/\(a)/bindings/exit-windows", api: true), Probe(path: "\(api)/\(b)/bindings/exit-windows", api: true),
            ],
            "GET /api/v1/organisations/:code/bindings/exit-plans": [
                Probe(path: "\(api)/\(a)/bindings/exit-plans", api: true), Probe(path: "\(api)/\(b)/bindings/exit-plans", api: true),
            ],
            "GET /nis2/haendelser": [Probe(path: "/nis2/haendelser")],
            "GET /nis2/haendelser/:id/rapport": [Probe(path: "/nis2/haendelser/\(ia)/rapport"), Probe(path: "/nis2/haendelser/\(ib)/rapport")],
            "GET /nis2/haendelser/:id/rapport.odt": [Probe(path: "/nis2/haendelser/\(ia)/rapport.odt"), Probe(path: "/nis2/haendelser/\(ib)/rapport.odt")],
            "GET /nis2/aktiver": [Probe(path: "/nis2/aktiver")],
            "POST /nis2/aktiver": [Probe(path: "/nis2/aktiver", form: ["kind": "process", "name": "probe", "depends_on[]": nb.asset.uuidString])],
            "GET /nis2/aktiver/:id": [Probe(path: "/nis2/aktiver/\(na.asset)"), Probe(path: "/nis2/aktiver/\(nb.asset)")],
            "POST /nis2/aktiver/:id": [Probe(path: "/nis2/aktiver/\(nb.asset)", form: ["kind": "system", "name": "probe"])],
            "GET /nis2/risici": [Probe(path: "/nis2/risici"), Probe(path: "/nis2/risici?side=2")],
            "GET /nis2/risici/ny": [Probe(path: "/nis2/risici/ny"), Probe(path: "/nis2/risici/ny?aktiv=\(nb.asset)")],
            "POST /nis2/risici": [Probe(path: "/nis2/risici", form: riskForm)],
            "GET /nis2/risici/:id": [Probe(path: "/nis2/risici/\(na.risk)"), Probe(path: "/nis2/risici/\(nb.risk)")],
            "POST /nis2/risici/:id": [Probe(path: "/nis2/risici/\(nb.risk)", form: riskForm)],
            "POST /nis2/risici/:id/accepter": [Probe(path: "/nis2/risici/\(nb.risk)/accepter", form: [:])],
            "POST /nis2/risikomatrix": [Probe(path: "/nis2/risikomatrix", form: ["levels": "1 2\n3 4"])],
            "GET /nis2/foranstaltninger": [Probe(path: "/nis2/foranstaltninger")],
            "POST /nis2/foranstaltninger": [Probe(path: "/nis2/foranstaltninger", form: ["catalogue_ref": "art21:a", "title": "probe", "status": "planned"])],
            "GET /nis2/foranstaltninger/:id": [Probe(path: "/nis2/foranstaltninger/\(na.measure)"), Probe(path: "/nis2/foranstaltninger/\(nb.measure)")],
            "POST /nis2/foranstaltninger/:id": [
                Probe(path: "/nis2/foranstaltninger/\(nb.measure)", form: ["catalogue_ref": "art21:a", "title": "probe", "status": "implemented"])
            ],
            "POST /nis2/foranstaltninger/:id/godkend": [Probe(path: "/nis2/foranstaltninger/\(nb.measure)/godkend", form: [:])],
            "POST /nis2/foranstaltninger/:id/dokumentation": [Probe(path: "/nis2/foranstaltninger/\(nb.measure)/dokumentation", form: ["file": "x"])],
            "GET /nis2/dokumentation/:id": [Probe(path: "/nis2/dokumentation/\(na.evidence)"), Probe(path: "/nis2/dokumentation/\(nb.evidence)")],
            "GET /nis2/beredskab": [Probe(path: "/nis2/beredskab")],
            "POST /nis2/beredskab": [Probe(path: "/nis2/beredskab", form: ["title": "probe", "asset": nb.asset.uuidString])],
            "GET /nis2/beredskab/:id": [Probe(path: "/nis2/beredskab/\(na.plan)"), Probe(path: "/nis2/beredskab/\(nb.plan)")],
            "POST /nis2/beredskab/:id": [Probe(path: "/nis2/beredskab/\(nb.plan)", form: ["title": "probe"])],
            "GET /nis2/beredskab/:id/udskrift": [Probe(path: "/nis2/beredskab/\(na.plan)/udskrift"), Probe(path: "/nis2/beredskab/\(nb.plan)/udskrift")],
            "GET /nis2/beredskab/:id/plan.odt": [Probe(path: "/nis2/beredskab/\(na.plan)/plan.odt"), Probe(path: "/nis2/beredskab/\(nb.plan)/plan.odt")],
            "POST /nis2/beredskab/:id/kaldetrae": [
                Probe(path: "/nis2/beredskab/\(nb.plan)/kaldetrae", form: ["name": "probe", "phone": "1"]),
                Probe(path: "/nis2/beredskab/\(na.plan)/kaldetrae", form: ["name": "probe", "phone": "1", "parent": nb.contact.uuidString]),
            ],
            "POST /nis2/beredskab/:id/kaldetrae/:contact/fjern": [
                Probe(path: "/nis2/beredskab/\(nb.plan)/kaldetrae/\(nb.contact)/fjern", form: [:]),
                Probe(path: "/nis2/beredskab/\(na.plan)/kaldetrae/\(nb.contact)/fjern", form: [:]),
            ],
            "POST /nis2/beredskab/:id/oevelser": [Probe(path: "/nis2/beredskab/\(nb.plan)/oevelser", form: ["held_on": "2026-02-01", "method": "tabletop"])],
            "GET /nis2/registrering": [Probe(path: "/nis2/registrering")],
            "POST /nis2/registrering": [
                Probe(path: "/nis2/registrering", form: ["name": "probe", "address": "x", "email": "a@b.example", "phone": "1", "sector": "x"])
            ],
            "POST /nis2/registrering/gennemgang": [Probe(path: "/nis2/registrering/gennemgang", form: ["item": "policy", "reviewed_on": "2026-02-01"])],
            "POST /nis2/opgaver/:id/udfoert": [Probe(path: "/nis2/opgaver/\(nb.task)/udfoert", form: [:])],
            "GET /nis2/ledelsesrapport": [Probe(path: "/nis2/ledelsesrapport")],
            "GET /nis2/ledelsesrapport.odt": [Probe(path: "/nis2/ledelsesrapport.odt")],
            "GET /nis2/kalender": [Probe(path: "/nis2/kalender")],
            "POST /nis2/kalender": [Probe(path: "/nis2/kalender", form: [:])],
            "GET /kalender/:token": [
                Probe(path: "/kalender/\(na.calendarSecret).ics"), Probe(path: "/kalender/cal_guess.ics"),
                // B's own feed address answers only B's secret; A's session makes no difference.
                Probe(path: "/kalender/\(nb.calendarSecret)x.ics"),
            ],
            "GET /api/v1/organisations/:code/nis2/incidents": [
                Probe(path: "\(api)/\(a)/nis2/incidents", api: true), Probe(path: "\(api)/\(b)/nis2/incidents", api: true),
            ],
            "POST /api/v1/organisations/:code/nis2/incidents": [Probe(path: "\(api)/\(b)/nis2/incidents", api: true)],
            "GET /api/v1/organisations/:code/nis2/incidents/:id": [
                Probe(path: "\(api)/\(a)/nis2/incidents/\(ia)", api: true), Probe(path: "\(api)/\(a)/nis2/incidents/\(ib)", api: true),
                Probe(path: "\(api)/\(b)/nis2/incidents/\(ib)", api: true),
            ],
            "GET /api/v1/organisations/:code/nis2/risks": [Probe(path: "\(api)/\(a)/nis2/risks", api: true), Probe(path: "\(api)/\(b)/nis2/risks", api: true)],
            "GET /api/v1/organisations/:code/nis2/measures": [
                Probe(path: "\(api)/\(a)/nis2/measures", api: true), Probe(path: "\(api)/\(b)/nis2/measures", api: true),
            ],
            "GET /api/v1/organisations/:code/nis2/plans": [Probe(path: "\(api)/\(a)/nis2/plans", api: true), Probe(path: "\(api)/\(b)/nis2/plans", api: true)],
            "GET /api/v1/organisations/:code/nis2/plans/:id": [
                Probe(path: "\(api)/\(a)/nis2/plans/\(na.plan)", api: true), Probe(path: "\(api)/\(a)/nis2/plans/\(nb.plan)", api: true),
                Probe(path: "\(api)/\(b)/nis2/plans/\(nb.plan)", api: true),
            ],
            "GET /js/upload.js": [Probe(path: "/js/upload.js")],
            "POST /nis2/haendelser": [Probe(path: "/nis2/haendelser", form: ["title": "Probe", "severity": "low", "aware_at": "2026-03-01T10:00"])],
            "GET /nis2/haendelser/:id": [Probe(path: "/nis2/haendelser/\(ia)"), Probe(path: "/nis2/haendelser/\(ib)")],
            "POST /nis2/haendelser/:id/vaesentlighed": [Probe(path: "/nis2/haendelser/\(ib)/vaesentlighed", form: ["significant": "no", "justification": "x"])],
            "POST /nis2/haendelser/:id/indberetning": [
                Probe(path: "/nis2/haendelser/\(ib)/indberetning", form: ["stage": "early_warning", "submitted_at": "2026-03-01T09:00"])
            ],
            "POST /nis2/haendelser/:id/tidslinje": [Probe(path: "/nis2/haendelser/\(ib)/tidslinje", form: ["text": "probe", "at": "2026-03-01T09:00"])],
            "GET /nis2/ledelse": [Probe(path: "/nis2/ledelse")],
            "POST /nis2/ledelse/uddannelse": [
                Probe(path: "/nis2/ledelse/uddannelse", form: ["user": w.adminB.id.uuidString, "completed_on": "2026-02-01", "course": "probe"])
            ],
            "POST /nis2/haendelser/:id/oplysninger": [Probe(path: "/nis2/haendelser/\(ib)/oplysninger", form: ["impact": "probe"])],
            "POST /nis2/haendelser/:id/status": [Probe(path: "/nis2/haendelser/\(ib)/status", form: ["status": "closed", "severity": "low"])],
            "POST /licenser/indlaes": [Probe(path: "/licenser/indlaes", form: ["x": "y"])],
            "GET /licenser/oejebliksbilleder/:id": [Probe(path: "\(sn)/\(sa)"), Probe(path: "\(sn)/\(sb)"), Probe(path: "\(sn)/\(sa)?sammenlign=\(sb)")],
            "GET /licenser/oejebliksbilleder/:id/brugere": [
                Probe(path: "\(sn)/\(sa)/brugere"), Probe(path: "\(sn)/\(sb)/brugere"), Probe(path: "\(sn)/\(sa)/brugere?soeg=odense"),
                // Searching for B's names from A finds nothing of B's (lower case, so the echoed search term is not a hit).
                Probe(path: "\(sn)/\(sa)/brugere?soeg=\(World.marker.lowercased())&afdeling=\(World.marker.lowercased())%20afdeling"),
            ],
            "GET /licenser/oejebliksbilleder/:id/brugere/:row": [Probe(path: "\(sn)/\(sa)/brugere/0"), Probe(path: "\(sn)/\(sb)/brugere/0")],
            "GET /licenser/oejebliksbilleder/:id/brugere.csv": [Probe(path: "\(sn)/\(sa)/brugere.csv"), Probe(path: "\(sn)/\(sb)/brugere.csv")],
            "GET /licenser/oejebliksbilleder/:id/brugere.ods": [Probe(path: "\(sn)/\(sa)/brugere.ods"), Probe(path: "\(sn)/\(sb)/brugere.ods")],
            "GET /licenser/oejebliksbilleder/:id/totaler.ods": [Probe(path: "\(sn)/\(sa)/totaler.ods"), Probe(path: "\(sn)/\(sb)/totaler.ods")],
            "GET /licenser/oejebliksbilleder/:id/aendringsliste.csv": [
                Probe(path: "\(sn)/\(sa)/aendringsliste.csv"), Probe(path: "\(sn)/\(sb)/aendringsliste.csv"),
            ],
            "GET /licenser/oejebliksbilleder/:id/rapport.html": [Probe(path: "\(sn)/\(sa)/rapport.html"), Probe(path: "\(sn)/\(sb)/rapport.html")],
            "POST /licenser/oejebliksbilleder/:id/slet-persondata": [Probe(path: "\(sn)/\(sb)/slet-persondata", form: [:])],
            "POST /licenser/oejebliksbilleder/:id/genberegn": [Probe(path: "\(sn)/\(sb)/genberegn", form: [:])],
            "GET /licenser/indstillinger": [Probe(path: "/licenser/indstillinger")],
            "POST /licenser/indstillinger/katalog": [Probe(path: "/licenser/indstillinger/katalog", form: ["price_0": "400.00"])],
            "POST /licenser/indstillinger/politik": [
                Probe(path: "/licenser/indstillinger/politik", form: ["inactivity_days": "90", "grace_days": "30", "headroom": "0.9", "max_products": "3"])
            ],
            "GET /api/v1/organisations/:code/licences/snapshots": [
                Probe(path: "/api/v1/organisations/\(a)/licences/snapshots", api: true), Probe(path: "/api/v1/organisations/\(b)/licences/snapshots", api: true),
            ],
            "GET /api/v1/organisations/:code/licences/snapshots/:id": [
                Probe(path: "/api/v1/organisations/\(a)/licences/snapshots/\(sa)", api: true),
                Probe(path: "/api/v1/organisations/\(a)/licences/snapshots/\(sb)", api: true),
                Probe(path: "/api/v1/organisations/\(b)/licences/snapshots/\(sb)", api: true),
            ],
            "GET /api/v1/organisations/:code/licences/snapshots/:id/users": [
                Probe(path: "/api/v1/organisations/\(a)/licences/snapshots/\(sa)/users", api: true),
                Probe(path: "/api/v1/organisations/\(a)/licences/snapshots/\(sb)/users", api: true),
                Probe(path: "/api/v1/organisations/\(b)/licences/snapshots/\(sb)/users", api: true),
            ],
            "GET /healthz": [Probe(path: "/healthz")],
            "GET /metrics": [Probe(path: "/metrics")],
            "GET /api/openapi.yaml": [Probe(path: "/api/openapi.yaml")],
            "GET /css/app.css": [Probe(path: "/css/app.css")],
            "GET /": [Probe(path: "/")],
            "GET /log-ind": [Probe(path: "/log-ind")],
            "POST /log-ind": [Probe(path: "/log-ind", form: ["email": w.adminB.email, "password": "wrong wrong wrong"])],
            "GET /sprog": [Probe(path: "/sprog?til=en&tilbage=%2Foversigt")],
            "POST /log-ud": [Probe(path: "/log-ud", form: [:])],
            "POST /organisation": [Probe(path: "/organisation", form: ["organisation": w.b.id.uuidString])],
            "GET /oversigt": [Probe(path: "/oversigt")],
            "GET /licenser": [Probe(path: "/licenser")],
            "GET /nis2": [Probe(path: "/nis2")],
            "GET /faellesskab": [Probe(path: "/faellesskab")],
            "POST /faellesskab/tildelinger": [Probe(path: "/faellesskab/tildelinger", form: ["to": w.centre.id.uuidString, "scope": "overview", "note": "x"])],
            "POST /faellesskab/tildelinger/:id/tilbagekald": [
                Probe(path: "/faellesskab/tildelinger/\(w.grantB.id)/tilbagekald", form: [:]),
                Probe(path: "/faellesskab/tildelinger/not-a-uuid/tilbagekald", form: [:]),
            ],
            "GET /administration/personer": [Probe(path: "/administration/personer")],
            "POST /administration/personer/ny": [
                Probe(path: "/administration/personer/ny", form: ["email": w.adminB.email, "display_name": "x", "role": "auditor"])
            ],
            "POST /administration/medlemskaber": [
                Probe(path: "/administration/medlemskaber", form: ["user": w.adminB.id.uuidString, "role": "auditor"])
            ],
            "POST /administration/medlemskaber/:id/fjern": [Probe(path: "/administration/medlemskaber/\(w.membershipB)/fjern", form: [:])],
            "POST /administration/personer/:id/deaktiver": [Probe(path: "/administration/personer/\(w.adminB.id)/deaktiver", form: [:])],
            "POST /administration/personer/:id/aktiver": [Probe(path: "/administration/personer/\(w.adminB.id)/aktiver", form: [:])],
            "GET /administration/afdelinger": [Probe(path: "/administration/afdelinger")],
            "POST /administration/afdelinger": [Probe(path: "/administration/afdelinger", form: ["name": "Probe Afdeling"])],
            "GET /administration/revisionslog": [Probe(path: "/administration/revisionslog"), Probe(path: "/administration/revisionslog?side=2")],
            "GET /administration/eksport": [Probe(path: "/administration/eksport")],
            "POST /administration/eksport": [Probe(path: "/administration/eksport", form: [:])],
            "GET /administration/organisationer": [Probe(path: "/administration/organisationer")],
            "POST /administration/organisationer/driftscenter": [
                Probe(path: "/administration/organisationer/driftscenter", form: ["code": "X", "name": "Y"])
            ],
            "GET /konto": [Probe(path: "/konto")],
            "POST /konto/adgangskode": [Probe(path: "/konto/adgangskode", form: ["current": "x", "new": "y", "repeated": "y"])],
            "POST /konto/tokens": [Probe(path: "/konto/tokens", form: ["name": "probe"])],
            "POST /konto/tokens/:id/tilbagekald": [Probe(path: "/konto/tokens/\(w.tokenB_ID)/tilbagekald", form: [:])],
            "GET /api/v1/me": [Probe(path: "/api/v1/me", api: true)],
            "GET /api/v1/organisations": [Probe(path: "/api/v1/organisations", api: true)],
            "GET /api/v1/organisations/:code": [Probe(path: "/api/v1/organisations/\(a)", api: true), Probe(path: "/api/v1/organisations/\(b)", api: true)],
            "GET /api/v1/organisations/:code/departments": [
                Probe(path: "/api/v1/organisations/\(a)/departments", api: true), Probe(path: "/api/v1/organisations/\(b)/departments", api: true),
            ],
            "GET /api/v1/organisations/:code/members": [
                Probe(path: "/api/v1/organisations/\(a)/members", api: true), Probe(path: "/api/v1/organisations/\(b)/members", api: true),
            ],
            "GET /api/v1/organisations/:code/grants": [
                Probe(path: "/api/v1/organisations/\(a)/grants", api: true), Probe(path: "/api/v1/organisations/\(b)/grants", api: true),
            ],
            "GET /api/v1/organisations/:code/audit-events": [
                Probe(path: "/api/v1/organisations/\(a)/audit-events", api: true),
                Probe(path: "/api/v1/organisations/\(b)/audit-events", api: true),
            ],
        ]
    }

    static func key(_ route: Route) -> String {
        "\(route.method.rawValue) /" + route.path.map(\.description).joined(separator: "/")
    }

    @Test func everyRouteHasACase() async throws {
        try await withApp { app in
            let world = try await World.make(app)
            let cases = Self.cases(world, snapshotA: UUID(), snapshotB: UUID())
            let registered = Set(app.routes.all.map(Self.key))
            let missing = registered.subtracting(cases.keys)
            #expect(missing.isEmpty, "routes without an isolation case: \(missing.sorted())")
            let stale = Set(cases.keys).subtracting(registered)
            #expect(stale.isEmpty, "cases for routes that no longer exist: \(stale.sorted())")
        }
    }

    /// The NIS2 and inventory roles together: security officer, management member and architect.
    static func securityPerson(_ world: World, _ app: Application) async throws -> String {
        let user = try await UserRepository(db: app.db).create(email: "sikkerhed@aarhus.example", displayName: "Sif Sikkerhed",
            passwordHash: try await Accounts.hash(World.password, on: app))
        let scope = TenantScope(organisationID: world.a.id, organisationKind: .municipality, userID: world.adminA.id, roles: [.administrator],
            isSystemAdministrator: true)
        for role in [Role.securityOfficer, .managementMember, .architect] {
            try await MembershipRepository(db: app.db).add(userID: user.id, role: role, in: scope)
        }
        return user.email
    }

    @Test(arguments: [Role.administrator, .auditor, .licenceAdministrator, .securityOfficer])
    func noRouteShowsOrChangesAnotherMunicipalitysData(role: Role) async throws {
        try await withApp { app in
            let world = try await World.make(app)
            let email = switch role {
            case .administrator: world.adminA.email
            case .auditor: world.auditorA.email
            case .securityOfficer: try await Self.securityPerson(world, app)
            default: world.licenceAdminA.email
            }
            let snapshotA = try await LicenceFixtures.snapshotForA(world, app)
            let snapshotB = try await LicenceFixtures.snapshotForB(world, app)
            let incidents = IncidentRepository(db: app.db)
            let incidentA = try await incidents.create(title: "Strømsvigt på rådhuset", description: "", severity: "high",
                awareAt: fixedNow.addingTimeInterval(-3600), by: world.adminA.id, in: World.scope(world.a, world.adminA, [.securityOfficer]), now: fixedNow)
            let incidentB = try await incidents.create(title: "\(World.marker) hændelse", description: "\(World.marker) beskrivelse", severity: "high",
                awareAt: fixedNow.addingTimeInterval(-3600), by: world.adminB.id, in: World.scope(world.b, world.adminB, [.securityOfficer]), now: fixedNow)
            let nis2A = try await Nis2Fixture.seed(app, org: world.a, user: world.adminA, label: "Aarhus")
            let nis2B = try await Nis2Fixture.seed(app, org: world.b, user: world.adminB, label: World.marker)
            let bindingsA = try await BindingsFixture.seed(app, org: world.a, user: world.adminA, label: "Aarhus")
            let bindingsB = try await BindingsFixture.seed(app, org: world.b, user: world.adminB, label: World.marker, department: "\(World.marker) Afdeling")
            let bindingsBefore = try await Self.bindingsState(world.b, world.adminB, app)
            let cases = Self.cases(world, snapshotA: snapshotA, snapshotB: snapshotB, incidentA: incidentA, incidentB: incidentB, nis2A: nis2A, nis2B: nis2B,
                bindingsA: bindingsA, bindingsB: bindingsB)
            let bIDs = [nis2B.asset, nis2B.measure, nis2B.evidence, nis2B.risk, nis2B.plan, nis2B.contact, nis2B.task, bindingsB.vendor, bindingsB.product,
                        bindingsB.component, bindingsB.system, bindingsB.binding, bindingsB.contract, bindingsB.exitPlan].map(\.uuidString)
            for route in app.routes.all {
                for probe in cases[Self.key(route)] ?? [] {
                    var browser = Browser(app)
                    let page: Browser.Page
                    if probe.api {
                        let token = role == .administrator ? world.tokenA : try await Self.token(for: email, app)
                        page = try await browser.request(route.method, probe.path, headers: ["Authorization": "Bearer \(token)"])
                    } else {
                        _ = try await browser.login(email)
                        if let form = probe.form {
                            page = try await browser.post(probe.path, form)
                        } else {
                            page = try await browser.get(probe.path)
                        }
                    }
                    // Every answer of every route carries the security headers, without 'unsafe-inline'.
                    let csp = page.headers.first(name: "Content-Security-Policy") ?? ""
                    #expect(csp.contains("frame-ancestors 'none'") && !csp.contains("unsafe-inline"), "\(probe.path): CSP \(csp)")
                    #expect(page.headers.first(name: "X-Content-Type-Options") == "nosniff", "\(probe.path) lacks nosniff")
                    for text in try Self.texts(of: page) {
                        #expect(!text.contains(World.marker), "\(role) \(route.method) \(probe.path) showed B's data")
                        #expect(!text.contains(world.b.id.uuidString) || Self.key(route) == "GET /administration/organisationer",
                            "\(role) \(route.method) \(probe.path) showed B's id")
                    }
                    let pathOnly = probe.path.split(separator: "?").first.map(String.init) ?? probe.path
                    if pathOnly.contains("/\(world.b.code)") || pathOnly.contains(snapshotB.uuidString) || pathOnly.contains(incidentB.uuidString)
                        || bIDs.contains(where: pathOnly.contains) {
                        #expect(page.status == .notFound || page.status == .forbidden, "\(probe.path) should not exist for A")
                    }
                    // A flash message on the next page must not leak either.
                    if !probe.api {
                        let next = try await browser.get("/oversigt")
                        #expect(!next.body.contains(World.marker))
                    }
                }
            }
            try await Self.expectBUnchanged(world, app)
            let scopeB = World.scope(world.b, world.adminB, [.licenceAdministrator])
            let snapshot = try await LicenceRepository(db: app.db).snapshot(snapshotB, in: scopeB)
            #expect(!snapshot.isPurged, "B's snapshot was purged")
            #expect(snapshot.profiledAt == fixedNow, "B's snapshot was re-profiled")
            #expect(try await LicenceRepository(db: app.db).settings(in: scopeB).isOwnCatalogue == false, "B's prices changed")
            let b = try await IncidentRepository(db: app.db).incident(incidentB, in: scopeB)
            #expect(b.significance == nil && b.status == "open" && b.clock.earlyWarningSubmittedAt == nil, "B's incident changed")
            #expect(try await IncidentRepository(db: app.db).timeline(incidentB, in: scopeB).count == 1, "B's timeline changed")
            let register = ResilienceRepository(db: app.db)
            let assetsB = try await register.assets(in: scopeB)
            #expect(Set(assetsB.map(\.id)) == [nis2B.asset, bindingsB.system] && assetsB.first { $0.id == nis2B.asset }?.kind == "process", "B's assets changed")
            #expect(try await Self.bindingsState(world.b, world.adminB, app) == bindingsBefore, "B's bindings register changed")
            #expect(try await register.dependencies(in: scopeB).isEmpty, "B's dependencies changed")
            let riskB = try await register.risk(nis2B.risk, in: scopeB)
            #expect(riskB.record.title.hasPrefix(World.marker) && riskB.record.acceptedAt == nil && riskB.inherentLevel == 20, "B's risk changed")
            #expect(try await register.matrix(in: scopeB).matrix.levels == RiskMatrix.standard.levels, "B's matrix changed")
            let measureB = try await register.measure(nis2B.measure, in: scopeB)
            #expect(measureB.status == "planned" && measureB.approvedAt == nil && measureB.title.hasPrefix(World.marker), "B's measure changed")
            #expect(try await register.evidence(in: scopeB).count == 1, "B's evidence changed")
            #expect(try await register.plans(in: scopeB).map(\.title) == ["\(World.marker) plan"], "B's plans changed")
            #expect(try await register.contacts(nis2B.plan, in: scopeB).map(\.id) == [nis2B.contact], "B's call tree changed")
            #expect(try await register.exercises(in: scopeB).isEmpty, "B's exercises changed")
            #expect(try await register.registration(in: scopeB)?.name == "\(World.marker) Kommune", "B's registration changed")
            #expect(try await register.tasks(in: scopeB).allSatisfy { $0.doneAt == nil }, "B's task was completed")
            #expect(try await IncidentRepository(db: app.db).incidents(in: scopeB).count == 1, "an incident was created for B")
        }
    }

    /// What a response shows: its body, or for an export that is a zip (ODS, ODT, the archive) the
    /// text of every file inside it, so a leak cannot hide behind compression.
    static func texts(of page: Browser.Page) throws -> [String] {
        guard page.bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) else { return [page.body] }
        let archive = try Archive(data: Data(page.bytes), accessMode: .read)
        var texts: [String] = []
        for entry in archive {
            var data = Data()
            _ = try archive.extract(entry) { data.append($0) }
            texts.append(String(decoding: data, as: UTF8.self))
        }
        #expect(!texts.isEmpty, "an empty zip")
        return texts
    }

    /// Everything of B's bindings register a probe could change, as comparable text.
    static func bindingsState(_ org: Organisation, _ user: UserAccount, _ app: Application) async throws -> [String] {
        let scope = World.scope(org, user, [.architect])
        let repo = BindingsRepository(db: app.db)
        let l = try await repo.landscape(in: scope)
        var out = l.vendors.map { "vendor \($0.id) \($0.name) \($0.country) \(String(describing: $0.parentID))" }.sorted()
        out += l.products.map { "product \($0.id) \($0.name)" }.sorted() + l.components.map { "component \($0.id) \($0.name)" }.sorted()
        out += l.usages.map { "usage \($0.id) \($0.users) \($0.usedBy)" }.sorted()
        out += l.bindings.map { "binding \($0.id) \($0.type) \($0.strength) \(String(describing: $0.verifiedAt))" }.sorted()
        out += try await repo.contracts(in: scope).map { "contract \($0.id) \($0.name) \($0.noticeMonths) \($0.usages)" }.sorted()
        out += try await repo.dataAssets(in: scope).map { "data \($0.id)" }
        out += try await repo.exitPlans(in: scope).map { "plan \($0.id) \($0.title) \(String(describing: $0.approvedAt))" }
        out.append("lock-in runs \(try await repo.lockInHistory(of: .vendor(l.vendors[0].id), in: scope).count)")
        return out
    }

    static func token(for email: String, _ app: Application) async throws -> String {
        let account = try await UserRepository(db: app.db).credentials(email: email)!.0
        let secret = "hf_probe_" + UUID().uuidString
        _ = try await ApiTokenRepository(db: app.db).create(userID: account.id, name: "probe", tokenHash: ApiTokens.hash(secret), prefix: "hf_probe")
        return secret
    }

    static func expectBUnchanged(_ w: World, _ app: Application) async throws {
        let scopeB = World.scope(w.b, w.adminB, [.administrator])
        let members = try await MembershipRepository(db: app.db).members(in: scopeB)
        #expect(members.map(\.userID) == [w.adminB.id], "B's people changed")
        #expect(members.first?.roles.map(\.role) == [.administrator], "B's roles changed")
        #expect(members.first?.isDisabled == false, "B's administrator was disabled")
        #expect(try await GrantRepository(db: app.db).given(in: scopeB).map(\.id) == [w.grantB.id], "B's grants changed")
        #expect(try await OrganisationRepository(db: app.db).departments(in: scopeB).map(\.id) == [w.departmentB.id])
        #expect(try await ApiTokenRepository(db: app.db).tokens(of: w.adminB.id).allSatisfy { !$0.isRevoked }, "B's token was revoked")
    }
}

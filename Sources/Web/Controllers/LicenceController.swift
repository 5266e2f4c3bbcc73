import Community
import Fluent
import Foundation
import Licensing
import Tabular
import Persistence
import Plot
import Vapor

enum LicenceController {
    static func repo(_ req: Request) -> LicenceRepository { LicenceRepository(db: req.db) }

    // MARK: Start page and upload

    @Sendable static func index(req: Request) async throws -> HTMLPage {
        let scope = try req.scope(requiring: .viewDashboard)
        return try await indexPage(req, scope: scope, error: nil)
    }

    static func indexPage(_ req: Request, scope: TenantScope, error: String?, status: HTTPResponseStatus = .ok) async throws -> HTMLPage {
        let ctx = PageContext(req)
        guard scope.organisationKind == .municipality else {
            return HTMLPage(html: Layout.page(ctx, title: ctx.t("Licenser", "Licences"), section: .licences,
                content: .p(.txt(ctx.t("Licensprofilering findes for kommuner.", "Licence profiling exists for municipalities.")))))
        }
        let snapshots = try await repo(req).snapshots(in: scope)
        let settings = try await repo(req).settings(in: scope)
        let licenceAdministrators = try await DashboardRepository(db: req.db).figures(in: scope).roleHolders[.licenceAdministrator] ?? 0
        var page = HTMLPage(html: Layout.page(ctx, title: ctx.t("Licenser", "Licences"), section: .licences,
            content: LicenceViews.index(ctx, snapshots: snapshots, settings: settings, canManage: scope.may(.manageLicences),
                licenceAdministrators: licenceAdministrators, error: error)))
        page.status = status
        return page
    }

    /// Streams the files to disk, reads and profiles them off the event loop, and stores the
    /// snapshot in one transaction. Bad input stores nothing and says where the problem is.
    @Sendable static func upload(req: Request) async throws -> Response {
        let scope = try req.scope(requiring: .manageLicences)
        guard scope.organisationKind == .municipality else { throw Abort(.notFound) }
        let lang = req.lang
        let received: LicenceUpload.Received
        do {
            received = try await LicenceUpload.receive(req, expectedCSRF: req.session.data[SessionActorMiddleware.csrfKey])
        } catch LicenceUpload.Failure.tooLarge(let limit) {
            return try await indexPage(req, scope: scope, error: lang.t(
                "Filerne fylder mere end grænsen på \(limit / 1_048_576) MB. Intet er gemt.",
                "The files exceed the limit of \(limit / 1_048_576) MB. Nothing was stored."), status: .payloadTooLarge).encodeResponse(for: req)
        } catch LicenceUpload.Failure.noFiles {
            return try await indexPage(req, scope: scope, error: lang.t("Vælg mindst én rapportfil.", "Choose at least one report file."),
                status: .unprocessableEntity).encodeResponse(for: req)
        } catch LicenceUpload.Failure.notMultipart {
            throw Abort(.badRequest)
        } catch LicenceUpload.Failure.csrf {
            throw Abort(.forbidden, reason: "csrf")
        }
        defer { try? FileManager.default.removeItem(at: received.directory) }
        guard let expected = req.session.data[SessionActorMiddleware.csrfKey], CSRFMiddleware.constantTimeEquals(received.csrf, expected) else {
            throw Abort(.forbidden, reason: "csrf")
        }
        let settings = try await repo(req).settings(in: scope)
        let reports = received.reports
        let peoplePath = received.people
        let started = ContinuousClock.now
        let outcome: Result<(UsageTable, PeopleFile, Profile), InputError> = try await req.application.threadPool.runIfActive {
            do throws(InputError) {
                var reader = ReportReader(catalogue: settings.catalogue)
                try reader.read(reports.map { ReportReader.Source.file($0.path, name: $0.name) })
                let people = try peoplePath.map { path throws(InputError) in
                    guard let data = FileManager.default.contents(atPath: path) else { throw InputError(file: "people", message: "cannot be read") }
                    return try PeopleFile.parse(Array(data), file: lang.t("personfilen", "the people file"))
                } ?? PeopleFile()
                let profile = try Profiler(catalogue: settings.catalogue, policy: settings.policy, people: people).profile(reader.table)
                return .success((reader.table, people, profile))
            } catch {
                return .failure(error)
            }
        }
        let (table, people, profile): (UsageTable, PeopleFile, Profile)
        switch outcome {
        case .success(let value): (table, people, profile) = value
        case .failure(let error):
            return try await indexPage(req, scope: scope, error: lang.t(
                "Indlæsningen blev afvist, og intet er gemt: \(error.description)",
                "The import was refused and nothing was stored: \(error.description)"), status: .unprocessableEntity).encodeResponse(for: req)
        }
        let id = try await repo(req).createSnapshot(
            table: table, people: people, profile: profile, fileNames: reports.map(\.name), settings: settings, by: scope.userID,
            in: scope, now: req.now)
        try await req.audit(.licenceSnapshotCreated, organisationID: scope.organisationID, actorID: scope.userID,
            targetType: "licence_snapshot", targetID: id.uuidString,
            detail: "files=\(reports.count) users=\(profile.results.count) ms=\((ContinuousClock.now - started).components.seconds * 1000)")
        req.application.overviewCaches.invalidate(scope.organisationID)
        req.logger.info("licence snapshot stored", metadata: ["snapshot": "\(id)", "users": "\(profile.results.count)"])
        req.flash(lang.t("Øjebliksbilledet er gemt: \(profile.results.count) brugere profileret.",
            "The snapshot is stored: \(profile.results.count) users profiled."))
        return req.redirect(to: .licenceSnapshot(id))
    }

    // MARK: Snapshot dashboard and report

    @Sendable static func snapshot(req: Request) async throws -> HTMLPage {
        let scope = try req.scope(requiring: .viewDashboard)
        let info = try await repo(req).snapshot(try req.uuidParameter(), in: scope)
        let snapshots = try await repo(req).snapshots(in: scope)
        let ctx = PageContext(req)
        return HTMLPage(html: Layout.page(ctx, title: ctx.t("Licensprofil pr. \(info.asOf)", "Licence profile as of \(info.asOf)"),
            section: .licences, content: LicenceViews.snapshot(ctx, info, others: snapshots, compare: req.query["sammenlign"].flatMap(UUID.init(uuidString:)),
                canSeePeople: scope.may(.viewPersonalUsage), canManage: scope.may(.manageLicences))))
    }

    /// CSP source for the report's style element (the hash of its exact text).
    static let reportStyleHash = "sha256-" + Data(SHA256.hash(data: Data(ReportDocument.css.utf8))).base64EncodedString()

    @Sendable static func report(req: Request) async throws -> Response {
        let scope = try req.scope(requiring: .viewDashboard)
        let info = try await repo(req).snapshot(try req.uuidParameter(), in: scope)
        let html = ReportDocument.html(summary: info.summary, downgradesToFrontline: nil,
            title: "Licensprofilering – \(try req.requireActor().current.name)")
        var headers = HTTPHeaders()
        headers.contentType = .html
        headers.contentDisposition = .init(.attachment, filename: "licensrapport-\(info.asOf).html")
        // The report is a file to keep and e-mail: its one style element is allowed by its hash.
        headers.replaceOrAdd(name: "Content-Security-Policy", value: "default-src 'none'; style-src '\(reportStyleHash)'; img-src data:; frame-ancestors 'none'")
        return Response(status: .ok, headers: headers, body: .init(string: html))
    }

    // MARK: Per-user data (licence administrators only, every view audit-logged)

    static func query(_ req: Request) -> LicenceUserQuery {
        var q = LicenceUserQuery()
        q.search = String((req.query[String.self, at: "soeg"] ?? "").prefix(100))
        q.action = req.query[String.self, at: "handling"].flatMap(Action.init(rawValue:))
        q.department = req.query[String.self, at: "afdeling"].flatMap { $0.isEmpty ? nil : String($0.prefix(200)) }
        q.sort = req.query[String.self, at: "sorter"].flatMap(LicenceUserQuery.Sort.init(rawValue:)) ?? .saving
        q.descending = req.query[String.self, at: "retning"] != "op"
        q.page = req.pageNumber
        return q
    }

    @Sendable static func users(req: Request) async throws -> HTMLPage {
        let scope = try req.scope(requiring: .viewPersonalUsage)
        let id = try req.uuidParameter()
        let info = try await repo(req).snapshot(id, in: scope)
        let q = query(req)
        let (rows, total) = try await repo(req).users(snapshot: id, query: q, in: scope)
        let departments = try await repo(req).departments(snapshot: id, in: scope)
        try await req.audit(.personalDataViewed, organisationID: scope.organisationID, actorID: scope.userID, targetType: "licence_snapshot",
            targetID: id.uuidString, detail: "users page=\(q.page) rows=\(rows.count) filtered=\(q.search.isEmpty && q.action == nil && q.department == nil ? "no" : "yes")")
        let ctx = PageContext(req)
        return HTMLPage(html: Layout.page(ctx, title: ctx.t("Brugere pr. \(info.asOf)", "Users as of \(info.asOf)"), section: .licences,
            content: LicenceViews.users(ctx, info, rows: rows, total: total, query: q, departments: departments)))
    }

    @Sendable static func user(req: Request) async throws -> HTMLPage {
        let scope = try req.scope(requiring: .viewPersonalUsage)
        let id = try req.uuidParameter()
        guard let rowNo = req.parameters.get("row", as: Int.self) else { throw Abort(.notFound) }
        let info = try await repo(req).snapshot(id, in: scope)
        let row = try await repo(req).user(snapshot: id, rowNo: rowNo, in: scope)
        try await req.audit(.personalDataViewed, organisationID: scope.organisationID, actorID: scope.userID, targetType: "licence_user",
            targetID: "\(id.uuidString)#\(rowNo)", detail: "user page")
        let settings = try await repo(req).settings(in: scope)
        let ctx = PageContext(req)
        return HTMLPage(html: Layout.page(ctx, title: row.upn, section: .licences,
            content: LicenceViews.user(ctx, info, row, catalogue: settings.catalogue)))
    }

    static func csvResponse(_ text: String, filename: String) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        headers.contentDisposition = .init(.attachment, filename: filename)
        return Response(status: .ok, headers: headers, body: .init(string: text))
    }

    /// The contract's users.csv for this snapshot.
    @Sendable static func usersCSV(req: Request) async throws -> Response {
        let scope = try req.scope(requiring: .viewPersonalUsage)
        let id = try req.uuidParameter()
        let info = try await repo(req).snapshot(id, in: scope)
        // The contract's users.csv ends lines with "\n" (specs/licensing.md §3).
        var w = CSVWriter(lineEnding: "\n")
        w.write(Profile.userColumns)
        var count = 0
        try await repo(req).forEachResult(snapshot: id, in: scope) { rows in
            for r in rows {
                count += 1
                w.write([r.upn, r.department ?? "", r.current, Money.format(r.currentOre), r.recommended, Money.format(r.recommendedOre),
                    Money.format(r.savingOre), r.action?.rawValue ?? "", r.reasons.joined(separator: ";"), r.loses.joined(separator: ";")])
            }
        }
        let out = w.output
        try await req.audit(.personalDataViewed, organisationID: scope.organisationID, actorID: scope.userID, targetType: "licence_snapshot",
            targetID: id.uuidString, detail: "export users.csv rows=\(count)")
        return csvResponse(out, filename: "brugere-\(info.asOf).csv")
    }

    static func odsResponse(_ ods: ODSWriter, filename: String) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "application", subType: "vnd.oasis.opendocument.spreadsheet")
        headers.contentDisposition = .init(.attachment, filename: filename)
        return Response(status: .ok, headers: headers, body: .init(data: Data(ods.bytes())))
    }

    /// users.csv's columns as a spreadsheet (amounts as numbers).
    @Sendable static func usersODS(req: Request) async throws -> Response {
        let scope = try req.scope(requiring: .viewPersonalUsage)
        let id = try req.uuidParameter()
        let info = try await repo(req).snapshot(id, in: scope)
        var rows: [[ODSWriter.Cell]] = [Profile.userColumns.map { .text($0) }]
        try await repo(req).forEachResult(snapshot: id, in: scope) { page in
            for r in page {
                rows.append([.text(r.upn), r.department.map { .text($0) } ?? .empty, .text(r.current), .number(Money.format(r.currentOre)),
                    .text(r.recommended), .number(Money.format(r.recommendedOre)), .number(Money.format(r.savingOre)),
                    .text(r.action?.rawValue ?? ""), .text(r.reasons.joined(separator: ";")), .text(r.loses.joined(separator: ";"))])
            }
        }
        try await req.audit(.personalDataViewed, organisationID: scope.organisationID, actorID: scope.userID, targetType: "licence_snapshot",
            targetID: id.uuidString, detail: "export users.ods rows=\(rows.count - 1)")
        return odsResponse(ODSWriter(sheets: [.init(name: "Brugere", rows: rows)]), filename: "brugere-\(info.asOf).ods")
    }

    /// Totals and departments as a spreadsheet (no personal data).
    @Sendable static func summaryODS(req: Request) async throws -> Response {
        let scope = try req.scope(requiring: .viewDashboard)
        let info = try await repo(req).snapshot(try req.uuidParameter(), in: scope)
        let s = info.summary
        func money(_ a: Profile.Amount) -> ODSWriter.Cell { .number(a.dkk) }
        var totals: [[ODSWriter.Cell]] = [[.text("Nøgletal"), .text("Værdi")],
            [.text("Data pr."), .text(s.asOf)], [.text("Brugere profileret"), .number(String(s.usersProfiled))],
            [.text("Nuværende pr. måned (kr.)"), money(s.currentMonthly)], [.text("Anbefalet pr. måned (kr.)"), money(s.recommendedMonthly)],
            [.text("Besparelse pr. måned (kr.)"), money(s.monthlySaving)], [.text("Besparelse pr. år (kr.)"), money(s.annualSaving)],
            [.text("Store pakke før"), .number(String(s.heavyShare.before))], [.text("Store pakke efter"), .number(String(s.heavyShare.after))]]
        for a in Action.allCases { totals.append([.text("Anbefaling: \(a.rawValue)"), .number(String(s.actions[a.rawValue] ?? 0))]) }
        var departments: [[ODSWriter.Cell]] = [[.text("Afdeling"), .text("Brugere"), .text("Nuværende/md."), .text("Anbefalet/md."),
            .text("Besparelse/md."), .text("Besparelse/år"), .text("Store pakke før"), .text("Store pakke efter")]]
        for (name, f) in s.departments.sorted(by: { $0.key < $1.key }) {
            departments.append([.text(name), .number(String(f.usersProfiled)), money(f.currentMonthly), money(f.recommendedMonthly),
                money(f.monthlySaving), money(f.annualSaving), .number(String(f.heavyShare.before)), .number(String(f.heavyShare.after))])
        }
        return odsResponse(ODSWriter(sheets: [.init(name: "Totaler", rows: totals), .init(name: "Afdelinger", rows: departments)]),
            filename: "licenser-totaler-\(info.asOf).ods")
    }

    /// Per user that should change: the SKUs to remove and to add, to apply in one operation each.
    @Sendable static func changeList(req: Request) async throws -> Response {
        let scope = try req.scope(requiring: .viewPersonalUsage)
        let id = try req.uuidParameter()
        let info = try await repo(req).snapshot(id, in: scope)
        var w = CSVWriter()
        w.write(["user_principal_name", "action", "remove_skus", "add_skus", "monthly_saving_dkk"])
        var count = 0
        try await repo(req).forEachResult(snapshot: id, in: scope) { rows in
            for r in rows where r.action == .remove || r.action == .downgrade || r.action == .upgrade || r.action == .change {
                let current = Set(r.current.split(separator: "+").map(String.init))
                let recommended = Set(r.recommended.split(separator: "+").map(String.init))
                let remove = current.subtracting(recommended).sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
                let add = recommended.subtracting(current).sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
                w.write([r.upn, r.action!.rawValue, remove.joined(separator: "+"), add.joined(separator: "+"), Money.format(r.savingOre)])
                count += 1
            }
        }
        try await req.audit(.personalDataViewed, organisationID: scope.organisationID, actorID: scope.userID, targetType: "licence_snapshot",
            targetID: id.uuidString, detail: "export change list rows=\(count)")
        return csvResponse(w.output, filename: "aendringsliste-\(info.asOf).csv")
    }

    // MARK: Privacy and re-profiling

    @Sendable static func purge(req: Request) async throws -> Response {
        let scope = try req.scope(requiring: .manageLicences)
        let id = try req.uuidParameter()
        try await repo(req).purge(id, in: scope, now: req.now)
        try await req.audit(.licenceSnapshotPurged, organisationID: scope.organisationID, actorID: scope.userID, targetType: "licence_snapshot",
            targetID: id.uuidString)
        req.flash(req.lang.t("Persondata for øjebliksbilledet er slettet; totalerne er bevaret.",
            "The snapshot's personal data is deleted; the totals are kept."))
        return req.redirect(to: .licenceSnapshot(id))
    }

    @Sendable static func reprofile(req: Request) async throws -> Response {
        let scope = try req.scope(requiring: .manageLicences)
        let id = try req.uuidParameter()
        let settings = try await repo(req).settings(in: scope)
        do {
            let info = try await repo(req).reprofile(id, settings: settings, in: scope, now: req.now)
            try await req.audit(.licenceSnapshotReprofiled, organisationID: scope.organisationID, actorID: scope.userID,
                targetType: "licence_snapshot", targetID: id.uuidString, detail: "users=\(info.usersProfiled)")
            req.flash(req.lang.t("Øjebliksbilledet er beregnet igen med de nuværende priser og den nuværende politik.",
                "The snapshot was profiled again with the current prices and policy."))
        } catch RepositoryError.invalid {
            req.flash(req.lang.t("Persondata er slettet for dette øjebliksbillede, så det kan ikke beregnes igen.",
                "This snapshot's personal data is deleted, so it cannot be profiled again."), error: true)
        }
        return req.redirect(to: .licenceSnapshot(id))
    }
}

import Foundation
import FluentKit
import Fluent
import Community
import Persistence
import Plot
import Vapor

/// The start pages of the three modules. Until a module's data exists, each says plainly what it
/// will hold, who in the municipality is responsible, and what to do first.
enum ModuleController {
    struct Module {
        var url: SiteURL
        var title: (String, String)
        var purpose: (String, String)
        var firstStep: (String, String)
        var role: Role
    }

    static let bindings = Module(
        url: .bindings, title: ("Bindinger", "Bindings"),
        purpose: (
            "Kortlæg bindingerne mellem leverandører, administrative processer, fagsystemer og sikkerhedsløsninger – fx ESDH-systemets Outlook-tilføjelse – og læg exitplaner pr. delområde.",
            "Map the bindings between vendors, administrative processes, line-of-business systems and security solutions – e.g. the ESDH system's Outlook add-in – and make exit plans per sub-area."),
        firstStep: (
            "Første skridt: Gem kommunens systemer og kontrakter fra KITOS som JSON, eller saml en liste over fagsystemer og leverandører i et regneark.",
            "First step: save the municipality's systems and contracts from KITOS as JSON, or collect a list of line-of-business systems and vendors in a spreadsheet."),
        role: .architect)

    static func handler(_ module: Module) -> @Sendable (Request) async throws -> HTMLPage {
        { req in
            let scope = try req.scope(requiring: .viewDashboard)
            let ctx = PageContext(req)
            let responsible = scope.organisationKind == .municipality
                ? try await req.memberships.members(in: scope).filter { m in !m.isDisabled && m.roles.contains { $0.role == module.role } }
                : []
            let content: Node<HTML.BodyContext> = .group(
                .p(.class("lead"), .txt(ctx.t(module.purpose.0, module.purpose.1))),
                .emptyState(ctx.t("Ingen data endnu", "No data yet"), ctx.t(module.firstStep.0, module.firstStep.1)),
                .h2(.txt(ctx.t("Ansvarlige", "Responsible"))),
                responsible.isEmpty
                    ? .p(.txt(ctx.t(
                        "Ingen har rollen \(RoleText.name(module.role, .da).lowercased()) endnu. En administrator giver rollen under Administration › Personer.",
                        "Nobody has the role \(RoleText.name(module.role, .en).lowercased()) yet. An administrator grants it under Administration › People.")))
                    : .ul(.forEach(responsible) { .li(.txt($0.displayName)) })
            )
            return HTMLPage(html: Layout.page(ctx, title: ctx.t(module.title.0, module.title.1), section: module.url, content: content))
        }
    }
}

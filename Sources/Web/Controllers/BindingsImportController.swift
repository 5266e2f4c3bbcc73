import Bindings
import Community
import Fluent
import Foundation
import Persistence
import Plot
import Tabular
import Vapor

/// Getting the portfolio in and out: KITOS API v2 JSON saved to files, and the CSV files of
/// systems, vendors and bindings. An import is one transaction; a bad file is refused with file,
/// line, column and field, and nothing changes.
enum BindingsImportController {
    @Sendable static func page(req: Request) async throws -> HTMLPage {
        let scope = try BindingsController.scope(req)
        let ctx = PageContext(req)
        let lastPull = try await KitosPullLog(db: req.db).last(in: scope)
        return BindingsController.page(ctx, ctx.t("Import og eksport", "Import and export"), BindingsImportViews.page(ctx, canEdit: scope.may(.manageBindings),
            lastPull: lastPull))
    }

    struct UploadForm: Content {
        var _csrf: String?
        var files: [File]?
        var file: File?
    }

    static func upload(_ req: Request) throws -> (TenantScope, UploadForm) {
        let scope = try BindingsController.architectScope(req)
        guard let form = try? req.content.decode(UploadForm.self) else { throw Abort(.badRequest, reason: "expected a multipart form") }
        guard let expected = req.session.data[SessionActorMiddleware.csrfKey], let sent = form._csrf,
              CSRFMiddleware.constantTimeEquals(sent, expected) else { throw Abort(.forbidden, reason: "csrf") }
        return (scope, form)
    }

    @Sendable static func importKitos(req: Request) async throws -> Response {
        let (scope, form) = try upload(req)
        var files: [String: [UInt8]] = [:]
        for file in (form.files ?? []) + (form.file.map { [$0] } ?? []) where file.data.readableBytes > 0 {
            guard let name = KitosExport.file(named: file.filename) else {
                req.flash(req.lang.t("\(file.filename): ukendt fil. Navngiv filerne som KITOS' endepunkter: it-systems.json, it-system-usages.json, it-contracts.json, data-processing-registrations.json.",
                    "\(file.filename): unknown file. Name the files like KITOS's endpoints: it-systems.json, it-system-usages.json, it-contracts.json, data-processing-registrations.json."), error: true)
                return req.redirect(to: .bindingsImport)
            }
            files[name] = Array(file.data.readableBytesView)
        }
        do {
            let export = try KitosExport.read(files)
            let summary = try await KitosImporter(db: req.db).importExport(export, in: scope, now: req.now)
            try await req.audit(.kitosImported, organisationID: scope.organisationID, actorID: scope.userID, targetType: "organisation",
                targetID: scope.organisationID.uuidString,
                detail: "usages_created=\(summary.usagesCreated) usages_updated=\(summary.usagesUpdated) removed=\(summary.usagesMarkedRemoved) contracts=\(summary.contracts)")
            try await KitosPullLog(db: req.db).record(in: scope, at: req.now, source: "files", delta: false, usages: export.usages.count)
            req.flash(req.lang.t(
                "KITOS er indlæst: \(summary.usagesCreated) nye og \(summary.usagesUpdated) opdaterede systemer, \(summary.usagesMarkedRemoved) markeret som fjernet i KITOS, \(summary.vendors) leverandører, \(summary.contracts) kontrakter, \(summary.integrations) relationer.",
                "KITOS is imported: \(summary.usagesCreated) new and \(summary.usagesUpdated) updated systems, \(summary.usagesMarkedRemoved) marked as removed in KITOS, \(summary.vendors) vendors, \(summary.contracts) contracts, \(summary.integrations) relations."))
        } catch let error as JSONError {
            req.flash(req.lang.t("Intet er ændret. ", "Nothing changed. ") + error.description, error: true)
        } catch let error as RepositoryError where error != .notFound {
            req.flash(req.lang.t("Intet er ændret. ", "Nothing changed. ") + AdminController.message(error, req.lang), error: true)
        }
        return req.redirect(to: .bindingsImport)
    }

    @Sendable static func importCSV(req: Request) async throws -> Response {
        let (scope, form) = try upload(req)
        guard let file = form.file ?? form.files?.first, file.data.readableBytes > 0 else {
            req.flash(req.lang.t("Vælg en CSV-fil.", "Choose a CSV file."), error: true)
            return req.redirect(to: .bindingsImport)
        }
        do {
            let parsed = try BindingsCSV.read(Array(file.data.readableBytesView), file: file.filename)
            let summary = try await BindingsCSVImporter(db: req.db).importFile(parsed, name: file.filename, in: scope, now: req.now)
            try await req.audit(.bindingsImported, organisationID: scope.organisationID, actorID: scope.userID, targetType: "organisation",
                targetID: scope.organisationID.uuidString, detail: "created=\(summary.created) updated=\(summary.updated)")
            req.flash(req.lang.t("\(file.filename) er indlæst: \(summary.created) nye, \(summary.updated) opdaterede.",
                "\(file.filename) is imported: \(summary.created) new, \(summary.updated) updated."))
        } catch let error as BindingsCSV.Failure {
            req.flash(req.lang.t("Intet er ændret. ", "Nothing changed. ") + error.description, error: true)
        } catch let error as RepositoryError where error != .notFound {
            req.flash(req.lang.t("Intet er ændret. \(file.filename): ", "Nothing changed. \(file.filename): ") + AdminController.message(error, req.lang), error: true)
        }
        return req.redirect(to: .bindingsImport)
    }

    @Sendable static func export(req: Request) async throws -> Response {
        let scope = try BindingsController.scope(req)
        guard let file = req.parameters.get("file"), let kind = BindingsCSV.Kind.allCases.first(where: { $0.fileName == file }) else { throw Abort(.notFound) }
        let files = try await BindingsCSVImporter(db: req.db).export(in: scope)
        let body = kind == .systems ? files.systems : kind == .vendors ? files.vendors : files.bindings
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "text/csv; charset=utf-8")
        headers.contentDisposition = .init(.attachment, filename: kind.fileName)
        return Response(status: .ok, headers: headers, body: .init(string: body))
    }
}

enum BindingsImportViews {
    static func page(_ ctx: PageContext, canEdit: Bool, lastPull: KitosPullLog.Entry?) -> Node<HTML.BodyContext> {
        .group(
            BindingsViews.subnav(ctx),
            .h2(.txt(ctx.t("Fra KITOS", "From KITOS"))),
            .p(.txt(ctx.t(
                "Gem svarene fra KITOS' API v2 som JSON-filer (it-system-usages er påkrævet; it-systems, it-contracts og data-processing-registrations tilføjer leverandører, kontrakter og databehandlere) og indlæs dem her – uden netforbindelse. En ny indlæsning opdaterer efter KITOS' UUID'er og laver aldrig dubletter; systemer, KITOS ikke længere har, markeres som fjernet. Løbende hentning direkte fra KITOS: kommandoen »handlefrihed kitos pull« (se README).",
                "Save the responses of KITOS's API v2 as JSON files (it-system-usages is required; it-systems, it-contracts and data-processing-registrations add vendors, contracts and data processors) and load them here – offline. A new import updates by KITOS's UUIDs and never duplicates; systems KITOS no longer has are marked as removed. Regular pulls straight from KITOS: the command \"handlefrihed kitos pull\" (see README)."))),
            .p(.class("hint"), .txt(lastPull.map { ctx.t("Sidst indlæst fra KITOS: \(DateText.format($0.at, lang: ctx.lang)) (\($0.source == "api" ? "API" : ctx.t("filer", "files")), \($0.usages) systemer).",
                "Last loaded from KITOS: \(DateText.format($0.at, lang: ctx.lang)) (\($0.source == "api" ? "API" : ctx.t("files", "files")), \($0.usages) systems).") }
                ?? ctx.t("Ikke indlæst fra KITOS endnu.", "Not loaded from KITOS yet."))),
            .if(canEdit, .form(.class("panel"), .attr("action", SiteURL.bindingsImportKitos.path), .method(.post), .attr("enctype", "multipart/form-data"),
                .csrf(ctx.csrf),
                .div(.class("field"), .label(.attr("for", "kitos-files"), .txt(ctx.t("KITOS-filer (JSON)", "KITOS files (JSON)"))),
                    .input(.type(.file), .attr("id", "kitos-files"), .attr("name", "files[]"), .attr("accept", ".json,application/json"), .attr("multiple", "multiple"),
                        .attr("required", "required"))),
                .button(.type(.submit), .class("button primary"), .txt(ctx.t("Indlæs fra KITOS", "Import from KITOS"))))),
            .h2(.txt(ctx.t("Fra et regneark (CSV)", "From a spreadsheet (CSV)"))),
            .p(.txt(ctx.t(
                "Til kommuner uden KITOS: tre filer – systemer, leverandører og bindinger – som eksporten nedenfor skriver dem. Indlæs systemer og leverandører før bindinger. Rækker genkendes på navn, så en ny indlæsning opdaterer.",
                "For municipalities without KITOS: three files – systems, vendors and bindings – as the export below writes them. Load systems and vendors before bindings. Rows are matched by name, so a new import updates."))),
            .ul(.forEach(BindingsCSV.Kind.allCases) { k in .li(.code(.txt(k.fileName)), .txt(": " + k.columns.joined(separator: ", "))) }),
            .p(.class("hint"), .txt(ctx.t(
                "Værdier: kind = system eller process; criticality = low, medium, high, critical; type = \(BindingType.allCases.map(\.rawValue).joined(separator: ", ")); strength = hard, degraded, convenience; substitutability = open_standard, other_vendor, none; lister adskilles med semikolon; ja/nej.",
                "Values: kind = system or process; criticality = low, medium, high, critical; type = \(BindingType.allCases.map(\.rawValue).joined(separator: ", ")); strength = hard, degraded, convenience; substitutability = open_standard, other_vendor, none; lists separated by semicolons; ja/nej (yes/no)."))),
            .if(canEdit, .form(.class("panel"), .attr("action", SiteURL.bindingsImportCSV.path), .method(.post), .attr("enctype", "multipart/form-data"),
                .csrf(ctx.csrf),
                .div(.class("field"), .label(.attr("for", "csv-file"), .txt(ctx.t("CSV-fil", "CSV file"))),
                    .input(.type(.file), .attr("id", "csv-file"), .attr("name", "file"), .attr("accept", ".csv,text/csv"), .attr("required", "required"))),
                .button(.type(.submit), .class("button primary"), .txt(ctx.t("Indlæs CSV", "Import CSV"))))),
            .h2(.txt(ctx.t("Eksport", "Export"))),
            .ul(.forEach(BindingsCSV.Kind.allCases) { k in .li(.link(k.fileName, to: SiteURL.bindingsExport(k.fileName).path)) }),
            .p(.class("hint"), .txt(ctx.t("Hele registret – også exitplaner, kontrakter og målinger – er med i kommunens samlede eksport under Administration › Eksport.",
                "The whole register – also exit plans, contracts and measurements – is in the municipality's full export under Administration › Export."))))
    }
}

import FluentKit
import Foundation
import SQLKit
import Tabular

/// Licence data in the archive: tables copied column by column as CSV, with typed values, so an
/// import writes exactly what was exported.
enum ArchiveTables {
    enum Kind {
        case uuid, string, int, int64, bool, date, double
        /// Binary content (evidence files), base64 in the CSV.
        case data
    }

    struct Column {
        let name: String
        let kind: Kind
        let optional: Bool
    }

    struct Table {
        let name: String
        let file: String
        let columns: [Column]
        /// The column that ties a row to the organisation (filtered on export, set on import).
        let organisationColumn: String
        let order: [String]
    }

    static func c(_ name: String, _ kind: Kind, optional: Bool = false) -> Column { Column(name: name, kind: kind, optional: optional) }

    static let settings = Table(
        name: "licence_settings", file: "licence_settings.csv",
        columns: [c("catalogue_csv", .string, optional: true), c("policy_json", .string, optional: true), c("retention_days", .int, optional: true),
            c("updated_at", .date, optional: true)],
        organisationColumn: "organisation_id", order: ["organisation_id"])

    static let snapshots = Table(
        name: "licence_snapshots", file: "licence_snapshots.csv",
        columns: [c("id", .uuid), c("created_at", .date), c("created_by", .uuid, optional: true), c("as_of", .string), c("file_names", .string),
            c("users_profiled", .int), c("monthly_saving_ore", .int64), c("summary_json", .string), c("facts_json", .string),
            c("catalogue_csv", .string), c("policy_json", .string), c("purged_at", .date, optional: true), c("profiled_at", .date)],
        organisationColumn: "organisation_id", order: ["created_at", "id"])

    static let users = Table(
        name: "licence_users", file: "licence_users.csv",
        columns: [c("snapshot_id", .uuid), c("row_no", .int), c("upn", .string), c("upn_key", .string), c("is_deleted", .bool),
            c("department", .string, optional: true), c("job_title", .string, optional: true), c("assigned_products", .string),
            c("last_activity", .int, optional: true), c("licensed_since", .int, optional: true), c("exchange_date", .int, optional: true),
            c("teams_date", .int, optional: true), c("apps_flags", .int), c("shared_activations", .int64), c("mailbox_bytes", .int64),
            c("has_archive", .bool), c("onedrive_bytes", .int64), c("frontline_eligible", .int, optional: true),
            c("education_eligible", .int, optional: true), c("desktop_override", .int, optional: true), c("action", .string, optional: true),
            c("current_skus", .string, optional: true), c("recommended_skus", .string, optional: true), c("current_ore", .int64, optional: true),
            c("recommended_ore", .int64, optional: true), c("saving_ore", .int64, optional: true), c("reasons", .string, optional: true),
            c("loses", .string, optional: true)],
        organisationColumn: "organisation_id", order: ["snapshot_id", "row_no"])

    static let incidents = Table(
        name: "incidents", file: "incidents.csv",
        columns: [c("id", .uuid), c("title", .string), c("description", .string), c("severity", .string), c("status", .string), c("aware_at", .date),
            c("significance", .string, optional: true), c("significance_decided_at", .date, optional: true),
            c("significance_justification", .string, optional: true), c("early_warning_submitted_at", .date, optional: true),
            c("notification_submitted_at", .date, optional: true), c("intermediate_requested_due", .date, optional: true),
            c("intermediate_submitted_at", .date, optional: true), c("handling_ended_at", .date, optional: true),
            c("progress_submitted_at", .date, optional: true), c("final_submitted_at", .date, optional: true), c("late_reasons", .string),
            c("created_at", .date), c("created_by", .uuid, optional: true), c("suspected_malicious", .bool, optional: true),
            c("cross_border", .bool, optional: true), c("impact", .string), c("indicators", .string), c("root_cause", .string), c("mitigation", .string),
            c("lessons", .string)],
        organisationColumn: "organisation_id", order: ["aware_at", "id"])

    static let timeline = Table(
        name: "incident_timeline", file: "incident_timeline.csv",
        columns: [c("id", .uuid), c("incident_id", .uuid), c("at", .date), c("recorded_at", .date), c("text", .string), c("automatic", .bool),
            c("author_id", .uuid, optional: true)],
        organisationColumn: "organisation_id", order: ["incident_id", "at", "recorded_at", "id"])

    static let training = Table(
        name: "management_training", file: "management_training.csv",
        columns: [c("id", .uuid), c("user_id", .uuid), c("completed_on", .string), c("course", .string), c("recorded_by", .uuid, optional: true),
            c("recorded_at", .date)],
        organisationColumn: "organisation_id", order: ["completed_on", "id"])

    static func register(_ name: String, _ columns: [Column], order: [String] = ["id"]) -> Table {
        Table(name: name, file: name + ".csv", columns: [c("id", .uuid)] + columns, organisationColumn: "organisation_id", order: order)
    }

    static let assets = register("assets", [c("kind", .string), c("name", .string), c("description", .string), c("owner", .string),
        c("criticality", .string), c("kle", .string), c("kitos_uuid", .uuid, optional: true), c("mtpd_hours", .double, optional: true),
        c("rto_hours", .double, optional: true), c("rpo_hours", .double, optional: true), c("min_service", .string), c("manual_fallback", .string),
        c("created_at", .date), c("updated_at", .date), c("users", .int), c("kitos_removed_at", .date, optional: true), c("used_by", .string)])
    static let assetDependencies = register("asset_dependencies", [c("asset_id", .uuid), c("resource_id", .uuid)])
    static let riskMatrices = register("risk_matrices", [c("levels", .string), c("created_at", .date)])
    static let measures = register("measures", [c("catalogue_ref", .string), c("title", .string), c("description", .string), c("status", .string),
        c("owner", .string), c("evidence_link", .string), c("review_due", .string), c("approved_by", .uuid, optional: true),
        c("approved_at", .date, optional: true), c("created_at", .date), c("updated_at", .date)])
    static let evidence = register("measure_evidence", [c("measure_id", .uuid), c("filename", .string), c("content_type", .string),
        c("size", .int64), c("bytes", .data), c("uploaded_at", .date), c("uploaded_by", .uuid, optional: true)])
    static let risks = register("risks", [c("asset_id", .uuid, optional: true), c("matrix_id", .uuid), c("title", .string), c("threat", .string),
        c("vulnerability", .string), c("consequence", .string), c("inherent_likelihood", .int), c("inherent_impact", .int),
        c("residual_likelihood", .int), c("residual_impact", .int), c("inherent_level", .int), c("residual_level", .int), c("treatment", .string), c("owner", .string), c("due_on", .string),
        c("accepted_by", .uuid, optional: true), c("accepted_at", .date, optional: true), c("created_at", .date), c("updated_at", .date)])
    static let riskMeasures = register("risk_measures", [c("risk_id", .uuid), c("measure_id", .uuid)])
    static let plans = register("continuity_plans", [c("asset_id", .uuid, optional: true), c("title", .string), c("activation", .string),
        c("roles", .string), c("steps", .string), c("stand_down", .string), c("fallback_channel", .string), c("revised_on", .string),
        c("created_at", .date), c("updated_at", .date)])
    static let contacts = register("plan_contacts", [c("plan_id", .uuid), c("parent_id", .uuid, optional: true), c("position", .int),
        c("name", .string), c("role", .string), c("phone", .string), c("alt_phone", .string)])
    static let exercises = register("exercises", [c("plan_id", .uuid), c("held_on", .string), c("method", .string), c("success_criteria", .string),
        c("result", .string), c("target_rto_hours", .double), c("target_rpo_hours", .double), c("achieved_rto_hours", .double, optional: true),
        c("achieved_rpo_hours", .double, optional: true), c("follow_ups", .string), c("created_at", .date)])
    static let registration = register("nis2_registration", [c("name", .string), c("address", .string), c("email", .string), c("phone", .string),
        c("ip_ranges", .string), c("sector", .string), c("policy_reviewed_on", .string), c("risk_assessment_reviewed_on", .string),
        c("updated_at", .date)])
    static let tasks = register("nis2_tasks", [c("kind", .string), c("title", .string), c("due_on", .string), c("done_at", .date, optional: true),
        c("created_at", .date)])

    static let vendors = register("vendors", [c("kitos_uuid", .uuid, optional: true), c("name", .string), c("cvr", .string), c("country", .string),
        c("parent_id", .uuid, optional: true), c("non_eu_compellable", .bool), c("open_source", .bool), c("created_at", .date), c("updated_at", .date)])
    static let products = register("products", [c("vendor_id", .uuid), c("name", .string), c("category", .string), c("delivery", .string),
        c("licence", .string), c("open_standards", .string), c("export_formats", .string)])
    static let components = register("components", [c("product_id", .uuid), c("name", .string)])
    static let bindings = register("bindings", [c("asset_id", .uuid), c("target_kind", .string), c("target_id", .uuid), c("type", .string),
        c("scope", .string), c("strength", .string), c("substitutability", .string), c("functions", .string), c("workaround", .string),
        c("removal_cost", .int64, optional: true), c("removal_effort_days", .double, optional: true), c("evidence", .string),
        c("verified_by", .uuid, optional: true), c("verified_at", .date, optional: true), c("created_at", .date), c("updated_at", .date)])
    static let integrations = register("integrations", [c("kitos_uuid", .uuid, optional: true), c("consumer_id", .uuid), c("provider_id", .uuid)])
    static let contracts = register("contracts", [c("kitos_uuid", .uuid, optional: true), c("name", .string), c("vendor_id", .uuid, optional: true),
        c("valid_from", .date, optional: true), c("expiry", .date, optional: true), c("notice_months", .int), c("irrevocable_until", .date, optional: true),
        c("renewal_months", .int, optional: true), c("terminated_at", .date, optional: true), c("exit_clause", .bool), c("exit_assistance", .bool),
        c("created_at", .date), c("updated_at", .date), c("annual_cost", .int64, optional: true), c("data_return", .string), c("switching_charges", .bool)])
    static let contractUsages = register("contract_usages", [c("contract_id", .uuid), c("asset_id", .uuid)])
    static let dataAssets = register("data_assets", [c("asset_id", .uuid), c("name", .string), c("business_critical", .bool), c("export_formats", .string),
        c("last_tested_export", .date, optional: true), c("tested_export_open", .bool)])
    static let vendorRoles = register("vendor_roles", [c("vendor_id", .uuid), c("role", .string), c("asset_id", .uuid, optional: true),
        c("contract_id", .uuid, optional: true), c("source", .string)])
    static let exitPlans = register("exit_plans", [c("title", .string), c("target_kind", .string, optional: true), c("target_id", .uuid, optional: true),
        c("contract_id", .uuid, optional: true), c("departments", .string), c("triggers", .string), c("impact", .string), c("alternatives", .string),
        c("phases", .string), c("data_migration", .string), c("roles", .string), c("success_criteria", .string), c("tests", .string),
        c("planned_done", .string), c("approved_by", .uuid, optional: true), c("approved_at", .date, optional: true), c("created_at", .date),
        c("updated_at", .date)])
    static let lockInSnapshots = register("lockin_snapshots", [c("taken_at", .date), c("target_kind", .string), c("target_id", .uuid), c("name", .string),
        c("total", .double), c("level", .string), c("dimensions", .string)], order: ["taken_at", "id"])
    static let kitosPulls = register("kitos_pulls", [c("pulled_at", .date), c("source", .string), c("delta", .bool), c("usages", .int)],
        order: ["pulled_at", "id"])

    /// In dependency order (rows refer to earlier tables).
    static let all = [settings, snapshots, users, incidents, timeline, training, assets, assetDependencies, riskMatrices, measures, evidence, risks,
                      riskMeasures, plans, contacts, exercises, registration, tasks, vendors, products, components, bindings, integrations, contracts,
                      contractUsages, dataAssets, vendorRoles, exitPlans, lockInSnapshots, kitosPulls]

    /// Optional values are written as an empty field with a `\0`-free marker: `\N` (as PostgreSQL's COPY does).
    static let null = "\\N"

    static func export(_ table: Table, organisation: UUID, on db: any Database) async throws -> (Data, Int) {
        guard let sql = db as? any SQLDatabase else { return (Data(), 0) }
        var w = CSVWriter()
        w.write(table.columns.map(\.name))
        let rows = try await sql.select().columns(table.columns.map { SQLIdentifier($0.name) }).from(table.name)
            .where(SQLIdentifier(table.organisationColumn), .equal, SQLBind(organisation))
            .orderBy(SQLList(table.order.map { SQLIdentifier($0) as any SQLExpression }))
            .all()
        for row in rows {
            var fields: [String] = []
            for column in table.columns {
                fields.append(try text(row, column))
            }
            w.write(fields)
        }
        return (Data(w.output.utf8), rows.count)
    }

    static func text(_ row: any SQLRow, _ column: Column) throws -> String {
        switch column.kind {
        case .uuid: return try row.decode(column: column.name, as: UUID?.self)?.uuidString ?? null
        case .string: return try row.decode(column: column.name, as: String?.self) ?? null
        case .int: return try row.decode(column: column.name, as: Int?.self).map(String.init) ?? null
        case .int64: return try row.decode(column: column.name, as: Int64?.self).map(String.init) ?? null
        case .bool: return try row.decode(column: column.name, as: Bool?.self).map { $0 ? "true" : "false" } ?? null
        case .date: return try row.decode(column: column.name, as: Date?.self).map { $0.formatted(ArchiveFormat.preciseTimestamp) } ?? null
        case .double: return try row.decode(column: column.name, as: Double?.self).map { String($0) } ?? null
        case .data: return try row.decode(column: column.name, as: Data?.self)?.base64EncodedString() ?? null
        }
    }

    /// Parses a table's file into bindable rows; errors name file, line and column.
    static func parse(_ table: Table, _ data: Data) throws -> [[any SQLExpression]] {
        let reader: CSVTable
        do {
            reader = try CSVTable(bytes: Array(data))
        } catch {
            throw ArchiveError.invalidRow(file: table.file, line: error.line, field: "-", message: error.description)
        }
        var positions: [Int] = []
        for column in table.columns {
            guard let i = reader.column(column.name) else {
                throw ArchiveError.invalidRow(file: table.file, line: 1, field: column.name, message: "required column is missing")
            }
            positions.append(i)
        }
        var out: [[any SQLExpression]] = []
        out.reserveCapacity(reader.rows.count)
        for row in reader.rows {
            var values: [any SQLExpression] = []
            for (column, i) in zip(table.columns, positions) {
                let raw = row[i]
                func fail(_ message: String) -> ArchiveError {
                    .invalidRow(file: table.file, line: row.line, field: column.name, message: message)
                }
                if raw == null {
                    guard column.optional else { throw fail("must not be empty") }
                    values.append(SQLLiteral.null)
                    continue
                }
                switch column.kind {
                case .uuid:
                    guard let v = UUID(uuidString: raw) else { throw fail("not a UUID") }
                    values.append(SQLBind(v))
                case .string: values.append(SQLBind(raw))
                case .int:
                    guard let v = Int(raw) else { throw fail("not a whole number") }
                    values.append(SQLBind(v))
                case .int64:
                    guard let v = Int64(raw) else { throw fail("not a whole number") }
                    values.append(SQLBind(v))
                case .bool:
                    guard raw == "true" || raw == "false" else { throw fail("must be true or false") }
                    values.append(SQLBind(raw == "true"))
                case .date:
                    guard let v = try? Date(raw, strategy: ArchiveFormat.preciseTimestamp) else { throw fail("not an ISO 8601 timestamp") }
                    values.append(SQLBind(v))
                case .double:
                    guard let v = Double(raw), v.isFinite else { throw fail("not a number") }
                    values.append(SQLBind(v))
                case .data:
                    guard let v = Data(base64Encoded: raw) else { throw fail("not base64") }
                    values.append(SQLBind(v))
                }
            }
            out.append(values)
        }
        return out
    }

    static func insert(_ table: Table, rows: [[any SQLExpression]], organisation: UUID, on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase, !rows.isEmpty else { return }
        let columns = [table.organisationColumn] + table.columns.map(\.name)
        let batch = max(1, 30_000 / columns.count)
        var start = 0
        while start < rows.count {
            var insert = sql.insert(into: table.name).columns(columns)
            for row in rows[start..<min(start + batch, rows.count)] {
                insert = insert.values([SQLBind(organisation)] + row)
            }
            try await insert.run()
            start += batch
        }
    }
}

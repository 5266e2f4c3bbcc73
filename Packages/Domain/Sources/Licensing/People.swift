import Tabular

/// What the municipality knows about a person that usage reports cannot say.
public struct Person: Equatable, Sendable {
    public var department: String?
    public var jobTitle: String?
    public var frontlineEligible: Bool?
    public var educationEligible: Bool?
    public var desktopOverride: Bool?
}

/// The optional people file: `user_principal_name,department,job_title,frontline_eligible,education_eligible,desktop_override`.
public struct PeopleFile: Equatable, Sendable {
    /// Keyed by lower-cased UPN; the first row for a UPN wins.
    public var people: [String: Person] = [:]

    public init(people: [String: Person] = [:]) { self.people = people }

    public static func parse(_ bytes: [UInt8], file: String) throws(InputError) -> PeopleFile {
        let table: CSVTable
        do {
            table = try CSVTable(bytes: bytes)
        } catch {
            throw InputError(file: file, line: error.line, column: error.column, message: error.description)
        }
        guard let upn = table.column("user_principal_name") else {
            throw InputError(file: file, line: 1, message: "required column \"user_principal_name\" is missing")
        }
        let department = table.column("department")
        let title = table.column("job_title")
        let frontline = table.column("frontline_eligible")
        let education = table.column("education_eligible")
        let desktop = table.column("desktop_override")
        var result = PeopleFile()
        for row in table.rows {
            let key = row[upn].trimmingSpaces.lowercased()
            guard !key.isEmpty else {
                throw InputError(file: file, line: row.line, column: upn + 1, columnName: "user_principal_name", message: "must not be empty")
            }
            func flag(_ i: Int?, _ name: String) throws(InputError) -> Bool? {
                let raw = row[i].trimmingSpaces.lowercased()
                switch raw {
                case "": return nil
                case "true", "yes", "ja", "1": return true
                case "false", "no", "nej", "0": return false
                default:
                    throw InputError(file: file, line: row.line, column: i.map { $0 + 1 }, columnName: name,
                        message: "must be true/false, yes/no, ja/nej or 1/0, not \"\(row[i])\"")
                }
            }
            let person = Person(
                department: row[department].trimmingSpaces.isEmpty ? nil : row[department].trimmingSpaces,
                jobTitle: row[title].trimmingSpaces.isEmpty ? nil : row[title].trimmingSpaces,
                frontlineEligible: try flag(frontline, "frontline_eligible"),
                educationEligible: try flag(education, "education_eligible"),
                desktopOverride: try flag(desktop, "desktop_override"))
            if result.people[key] == nil { result.people[key] = person }
        }
        return result
    }
}

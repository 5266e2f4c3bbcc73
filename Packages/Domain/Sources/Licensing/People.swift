import Tabular

/// What the municipality knows about a person that usage reports cannot say.
public struct Person: Equatable, Sendable {
    public var department: String?
    public var jobTitle: String?
    public var frontlineEligible: Bool?
    public var educationEligible: Bool?
    public var desktopOverride: Bool?

    public init(
        department: String? = nil, jobTitle: String? = nil, frontlineEligible: Bool? = nil, educationEligible: Bool? = nil,
        desktopOverride: Bool? = nil
    ) {
        self.department = department
        self.jobTitle = jobTitle
        self.frontlineEligible = frontlineEligible
        self.educationEligible = educationEligible
        self.desktopOverride = desktopOverride
    }
}

/// The optional people file: `user_principal_name,department,job_title,frontline_eligible,education_eligible,desktop_override`.
public struct PeopleFile: Equatable, Sendable {
    /// Keyed by lower-cased UPN; the first row for a UPN wins.
    public var people: [String: Person] = [:]

    public init(people: [String: Person] = [:]) { self.people = people }

    static func person(
        _ values: [String?], columns: [Int?], line: Int, file: String, intern: (String) -> String
    ) throws(InputError) -> Person {
        func text(_ v: String?) -> String? {
            guard let v = v?.trimmingSpaces, !v.isEmpty else { return nil }
            return intern(v)
        }
        func flag(_ k: Int, _ name: String) throws(InputError) -> Bool? {
            guard let raw = values[k] else { return nil }
            switch raw.trimmingSpaces.lowercased() {
            case "": return nil
            case "true", "yes", "ja", "1": return true
            case "false", "no", "nej", "0": return false
            default:
                throw InputError(file: file, line: line, column: columns[k].map { $0 + 1 }, columnName: name,
                    message: "must be true/false, yes/no, ja/nej or 1/0, not \"\(raw)\"")
            }
        }
        return Person(
            department: text(values[0]), jobTitle: text(values[1]), frontlineEligible: try flag(2, "frontline_eligible"),
            educationEligible: try flag(3, "education_eligible"), desktopOverride: try flag(4, "desktop_override"))
    }

    /// Parses the people file (streaming; repeated department and job-title strings are shared).
    public static func parse(_ bytes: [UInt8], file: String) throws(InputError) -> PeopleFile {
        var result = PeopleFile()
        var columns: (upn: Int, department: Int?, title: Int?, frontline: Int?, education: Int?, desktop: Int?)?
        var interned: [String: String] = [:]
        func intern(_ s: String) -> String {
            if let i = interned[s] { return i }
            interned[s] = s
            return s
        }
        var failure: InputError?
        do {
            try CSVStream(bytes: bytes).forEachRecord { record in
                guard let c = columns else {
                    let header = record.strings().map { $0.trimmingSpaces.lowercased() }
                    guard let upn = header.firstIndex(of: "user_principal_name") else {
                        throw InputError(file: file, line: 1, message: "required column \"user_principal_name\" is missing")
                    }
                    columns = (upn, header.firstIndex(of: "department"), header.firstIndex(of: "job_title"),
                        header.firstIndex(of: "frontline_eligible"), header.firstIndex(of: "education_eligible"),
                        header.firstIndex(of: "desktop_override"))
                    return
                }
                let key = record.string(c.upn).trimmingSpaces.lowercased()
                guard !key.isEmpty else {
                    throw InputError(file: file, line: record.line, column: c.upn + 1, columnName: "user_principal_name", message: "must not be empty")
                }
                let values = [c.department, c.title, c.frontline, c.education, c.desktop].map { i in i.map { record.string($0) } }
                let person = try Self.person(values, columns: [c.department, c.title, c.frontline, c.education, c.desktop],
                    line: record.line, file: file, intern: intern)
                if result.people[key] == nil { result.people[key] = person }
            }
        } catch let e as InputError {
            failure = e
        } catch let e as CSVError {
            failure = InputError(file: file, line: e.line, column: e.column, message: e.description)
        } catch {
            failure = InputError(file: file, message: "cannot be read")
        }
        if let failure { throw failure }
        if columns == nil { throw InputError(file: file, line: 1, message: "the file is empty") }
        return result
    }
}

import Foundation

/// The offline `licences profile` command's work, callable from tests: read the inputs, profile.
public enum ProfileRun {
    public struct Inputs {
        public var reportsDirectory: String
        public var cataloguePath: String?
        public var policyPath: String?
        public var peoplePath: String?

        public init(reportsDirectory: String, cataloguePath: String? = nil, policyPath: String? = nil, peoplePath: String? = nil) {
            self.reportsDirectory = reportsDirectory
            self.cataloguePath = cataloguePath
            self.policyPath = policyPath
            self.peoplePath = peoplePath
        }
    }

    static func bytes(_ path: String) throws(InputError) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError(file: path, message: "cannot be read")
        }
        return Array(data)
    }

    /// The report files of a folder: every regular, non-hidden file, by name (names carry no meaning).
    public static func reportFiles(in directory: String) throws(InputError) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw InputError(file: directory, message: "is not a folder")
        }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw InputError(file: directory, message: "cannot be listed")
        }
        return names.filter { !$0.hasPrefix(".") }.sorted().map { (directory as NSString).appendingPathComponent($0) }
            .filter { path in
                var dir: ObjCBool = false
                return FileManager.default.fileExists(atPath: path, isDirectory: &dir) && !dir.boolValue
            }
    }

    public static func run(_ inputs: Inputs, progress: ((String, Int) -> Void)? = nil) throws(InputError) -> Profile {
        let catalogue = try inputs.cataloguePath.map { path throws(InputError) in try Catalogue.parse(bytes(path), file: path) } ?? Catalogue.bundled
        let policy = try inputs.policyPath.map { path throws(InputError) in try Policy.parse(Data(bytes(path)), file: path) } ?? Policy()
        let people = try inputs.peoplePath.map { path throws(InputError) in try PeopleFile.parse(bytes(path), file: path) } ?? PeopleFile()
        var files = try reportFiles(in: inputs.reportsDirectory)
        // A people file placed among the reports is not a report.
        if let peoplePath = inputs.peoplePath {
            let resolved = URL(fileURLWithPath: peoplePath).standardizedFileURL.path
            files.removeAll { URL(fileURLWithPath: $0).standardizedFileURL.path == resolved }
        }
        guard !files.isEmpty else { throw InputError(file: inputs.reportsDirectory, message: "holds no files") }
        var reader = ReportReader(catalogue: catalogue)
        reader.progress = progress
        try reader.read(files.map { ReportReader.Source.file($0, name: $0) })
        let profiler = try Profiler(catalogue: catalogue, policy: policy, people: people)
        return profiler.profile(reader.table)
    }
}

/// Why an export archive was refused. Nothing is written when any of these is thrown.
public enum ArchiveError: Error, Equatable, Sendable, CustomStringConvertible {
    case notAZipFile
    case notAHandlefrihedArchive
    case unsupportedVersion(Int)
    case unsafePath(String)
    case unexpectedEntry(String)
    case missingFile(String)
    case tooLarge(String, limit: Int)
    case damaged(String)
    case invalidRow(file: String, line: Int, field: String, message: String)
    case notEmpty(String)
    case unknownOrganisation(String)

    public var description: String {
        switch self {
        case .notAZipFile: "The file is not a zip archive."
        case .notAHandlefrihedArchive: "The archive is not a Handlefrihed export (manifest.json is missing or has another format)."
        case .unsupportedVersion(let v): "The archive has format version \(v); this version of Handlefrihed reads version \(ArchiveFormat.version)."
        case .unsafePath(let p): "The archive contains an unsafe path \"\(p)\" (absolute or with \"..\"); it was refused."
        case .unexpectedEntry(let p): "The archive contains \"\(p)\", which is not part of the format."
        case .missingFile(let f): "The archive lacks \(f)."
        case .tooLarge(let f, let limit): "\(f) is larger than the limit of \(limit / 1_048_576) MiB."
        case .damaged(let f): "\(f) does not match its checksum in manifest.json: the archive is damaged."
        case .invalidRow(let file, let line, let field, let message): "\(file), line \(line), field \(field): \(message)"
        case .notEmpty(let reason): "The installation is not empty for this municipality: \(reason)"
        case .unknownOrganisation(let code): "No municipality with kommunekode \(code)."
        }
    }
}

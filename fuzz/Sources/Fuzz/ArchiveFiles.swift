import Crypto
import Foundation
import Persistence

/// The export archive's contents past the zip and checksum layer: the input is split (on 0x1E) into
/// the format's files in order, and the target writes a manifest with their true SHA-256 sums so
/// the row parsers behind the checksum check are reached.
func fuzzArchiveFiles(_ data: UnsafeRawPointer, _ size: Int) {
    let parts = FuzzInput.files(UnsafeRawBufferPointer(start: data, count: size), limit: ArchiveFormat.files.count)
    var files: [String: Data] = [:]
    for (index, name) in ArchiveFormat.files.enumerated() {
        files[name] = index < parts.count ? Data(parts[index]) : Data()
    }
    let manifest = ArchiveFormat.Manifest(
        format: ArchiveFormat.name, version: ArchiveFormat.version, exportedAt: Date(timeIntervalSince1970: 1_790_000_000),
        organisationCode: organisationCode(in: files["organisation.json"]!), organisationName: "Fuzz",
        files: files.mapValues { SHA256.hash(data: $0).map { String(format: "%02x", $0) }.joined() }, counts: [:])
    let encoder = JSONEncoder()
    encoder.dateEncodingStrategy = .iso8601
    files[ArchiveFormat.manifest] = try! encoder.encode(manifest)
    _ = try? ArchiveImporter.validate(files: files)
}

/// The manifest must name the organisation's code; take it from organisation.json when there is one.
private func organisationCode(in json: Data) -> String {
    guard let object = try? JSONSerialization.jsonObject(with: json) as? [String: Any], let code = object["code"] as? String else { return "0999" }
    return code
}

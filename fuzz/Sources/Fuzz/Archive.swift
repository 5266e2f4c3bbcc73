import Foundation
import Persistence

/// The export archive as uploaded: a zip (entry names, sizes, compression, zip bombs, zip-slip
/// paths) checked and parsed exactly as an import does before it writes.
func fuzzArchive(_ data: UnsafeRawPointer, _ size: Int) {
    _ = try? ArchiveImporter.validate(Data(bytes: data, count: size))
}

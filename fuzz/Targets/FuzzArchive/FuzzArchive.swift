import Foundation
import Persistence

/// The export archive as uploaded: a zip (entry names, sizes, compression, zip bombs, zip-slip
/// paths) checked and parsed exactly as an import does before it writes.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafeRawPointer, _ size: Int) -> CInt {
    _ = try? ArchiveImporter.validate(Data(bytes: data, count: size))
    return 0
}

import Foundation
import Licensing

/// The licence policy file (thresholds, windows, downgrade rules); one that parses must also build
/// a profiler with the bundled catalogue.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafeRawPointer, _ size: Int) -> CInt {
    guard let policy = try? Policy.parse(Data(bytes: data, count: size), file: "policy.json") else { return 0 }
    _ = try? Profiler(catalogue: Catalogue.bundled, policy: policy)
    return 0
}

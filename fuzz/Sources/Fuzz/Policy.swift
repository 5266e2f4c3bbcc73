import Foundation
import Licensing

/// The licence policy file (thresholds, windows, downgrade rules); one that parses must also build
/// a profiler with the bundled catalogue.
func fuzzPolicy(_ data: UnsafeRawPointer, _ size: Int) {
    guard let policy = try? Policy.parse(Data(bytes: data, count: size), file: "policy.json") else { return }
    _ = try? Profiler(catalogue: Catalogue.bundled, policy: policy)
}

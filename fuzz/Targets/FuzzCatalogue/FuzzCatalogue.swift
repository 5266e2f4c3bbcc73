import Licensing

/// A municipality's own licence catalogue (prices, capabilities, add-ons); one that parses must
/// also build a profiler.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard let catalogue = try? Catalogue.parse(Array(UnsafeBufferPointer(start: data, count: size)), file: "catalogue.csv") else { return 0 }
    _ = try? Profiler(catalogue: catalogue, policy: Policy())
    return 0
}

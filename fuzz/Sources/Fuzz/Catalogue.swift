import Licensing

/// A municipality's own licence catalogue (prices, capabilities, add-ons); one that parses must
/// also build a profiler.
func fuzzCatalogue(_ data: UnsafePointer<UInt8>, _ size: Int) {
    guard let catalogue = try? Catalogue.parse(Array(UnsafeBufferPointer(start: data, count: size)), file: "catalogue.csv") else { return }
    _ = try? Profiler(catalogue: catalogue, policy: Policy())
}

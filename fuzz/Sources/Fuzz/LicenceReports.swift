import Licensing

/// The nine Microsoft 365 usage reports: up to nine files (split on 0x1E) are recognised by their
/// header, read and merged as an upload is, and a table that reads is profiled with the bundled
/// catalogue and default policy.
func fuzzLicenceReports(_ data: UnsafeRawPointer, _ size: Int) {
    let files = FuzzInput.files(UnsafeRawBufferPointer(start: data, count: size), limit: 9)
    var reader = ReportReader(catalogue: Catalogue.bundled)
    let sources = files.enumerated().map { ReportReader.Source.bytes($0.element, name: "report\($0.offset + 1).csv") }
    do {
        try reader.read(sources)
        let profiler = try Profiler(catalogue: Catalogue.bundled, policy: Policy())
        _ = profiler.profile(reader.table)
    } catch {}
}

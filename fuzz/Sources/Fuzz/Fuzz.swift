import Foundation

/// One libFuzzer binary for every importer, so the instrumented build is made once: the
/// environment variable HF_FUZZ_TARGET (set by fuzz/run.sh) picks the target at start-up.
let targets: [String: @Sendable (UnsafeRawPointer, Int) -> Void] = [
    "FuzzCSV": { fuzzCSV($0.assumingMemoryBound(to: UInt8.self), $1) },
    "FuzzLicenceReports": fuzzLicenceReports,
    "FuzzPeople": { fuzzPeople($0.assumingMemoryBound(to: UInt8.self), $1) },
    "FuzzCatalogue": { fuzzCatalogue($0.assumingMemoryBound(to: UInt8.self), $1) },
    "FuzzPolicy": fuzzPolicy,
    "FuzzKitos": fuzzKitos,
    "FuzzBindingsCSV": { fuzzBindingsCSV($0.assumingMemoryBound(to: UInt8.self), $1) },
    "FuzzArchive": fuzzArchive,
    "FuzzArchiveFiles": fuzzArchiveFiles,
]

nonisolated(unsafe) private var selected: ((UnsafeRawPointer, Int) -> Void)?
nonisolated(unsafe) private var empty: UInt8 = 0

@_cdecl("LLVMFuzzerInitialize")
public func initialize(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutableRawPointer) -> CInt {
    guard let name = ProcessInfo.processInfo.environment["HF_FUZZ_TARGET"], let target = targets[name] else {
        FileHandle.standardError.write(Data("set HF_FUZZ_TARGET to one of: \(targets.keys.sorted().joined(separator: ", "))\n".utf8))
        exit(2)
    }
    selected = target
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafeRawPointer?, _ size: Int) -> CInt {
    withUnsafePointer(to: &empty) { fallback in
        selected!(data ?? UnsafeRawPointer(fallback), size)
    }
    return 0
}

import Bindings

/// Saved KITOS API v2 responses: up to four files (split on 0x1E) in the order of
/// `KitosExport.files`; the usages file is always present.
func fuzzKitos(_ data: UnsafeRawPointer, _ size: Int) {
    let parts = FuzzInput.files(UnsafeRawBufferPointer(start: data, count: size), limit: KitosExport.files.count)
    var files: [String: [UInt8]] = [:]
    // The first part is the usages file; the rest follow the other names in order.
    let names = ["it-system-usages.json"] + KitosExport.files.filter { $0 != "it-system-usages.json" }
    for (name, bytes) in zip(names, parts) { files[name] = bytes }
    _ = try? KitosExport.read(files)
}

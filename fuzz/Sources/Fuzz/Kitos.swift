import Bindings

/// Saved KITOS API v2 responses: up to four files (split on 0x1E) — the system usages first (always
/// present, as the import requires), then the others in the order of `KitosExport.files`.
func fuzzKitos(_ data: UnsafeRawPointer, _ size: Int) {
    let parts = FuzzInput.files(UnsafeRawBufferPointer(start: data, count: size), limit: KitosExport.files.count)
    var files: [String: [UInt8]] = [:]
    let names = ["it-system-usages.json"] + KitosExport.files.filter { $0 != "it-system-usages.json" }
    for (name, bytes) in zip(names, parts) { files[name] = bytes }
    _ = try? KitosExport.read(files)
}

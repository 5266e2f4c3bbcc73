/// Helpers shared by the fuzz targets.
enum FuzzInput {
    /// The byte that separates files inside one fuzz input (ASCII record separator): targets whose
    /// importer reads several files at once split the input on it.
    static let fileSeparator: UInt8 = 0x1E

    /// Splits a fuzz input into at most `limit` files; the last one keeps any further separators.
    static func files(_ bytes: UnsafeRawBufferPointer, limit: Int) -> [[UInt8]] {
        var files: [[UInt8]] = [[]]
        for byte in bytes {
            if byte == fileSeparator, files.count < limit {
                files.append([])
            } else {
                files[files.count - 1].append(byte)
            }
        }
        return files
    }
}

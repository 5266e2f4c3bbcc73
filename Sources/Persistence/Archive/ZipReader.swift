import Foundation
import ZIPFoundation

/// Reads the entries of an uploaded export archive. The central directory is parsed here with every
/// offset and size checked against the file, and each entry is inflated through ZIPFoundation's
/// `Data.decompress` with a provider that ends at the entry's last byte. ZIPFoundation's own reader
/// (on Linux) traps on a directory that points past the end of an in-memory archive and loops for
/// ever on a deflate stream that does not end within the entry — both found by fuzzing.
/// Enough of the format for what `ArchiveExporter` writes: no ZIP64, no encryption, stored or deflated.
enum ZipReader {
    struct Entry: Equatable {
        var path: String
        var method: UInt16
        var crc32: UInt32
        var compressedSize: Int
        var uncompressedSize: Int
        var dataOffset: Int
        var isDirectory: Bool { path.hasSuffix("/") }
    }

    /// The entries in central-directory order; `notAZipFile` when there is no readable directory.
    static func entries(_ data: Data) throws(ArchiveError) -> [Entry] {
        let bytes = Bytes(data: data)
        // The end-of-central-directory record: 22 bytes plus a comment of up to 65,535, at the end.
        var end = data.count - 22
        let lowest = max(0, data.count - 22 - 65_535)
        while end >= lowest, bytes.u32(end) != 0x0605_4B50 { end -= 1 }
        guard end >= lowest, let count = bytes.u16(end + 10), let directoryOffset = bytes.u32(end + 16), count > 0 else {
            throw .notAZipFile
        }
        var entries: [Entry] = []
        var p = Int(directoryOffset)
        for _ in 0..<count {
            guard bytes.u32(p) == 0x0201_4B50, let flags = bytes.u16(p + 8), let method = bytes.u16(p + 10), let crc = bytes.u32(p + 16),
                let compressed = bytes.u32(p + 20), let uncompressed = bytes.u32(p + 24), let nameLength = bytes.u16(p + 28),
                let extraLength = bytes.u16(p + 30), let commentLength = bytes.u16(p + 32), let localOffset = bytes.u32(p + 42),
                let name = bytes.slice(p + 46, Int(nameLength))
            else { throw .notAZipFile }
            let path = String(decoding: name, as: UTF8.self)
            // Encrypted entries, other methods and ZIP64 sizes are not something this format writes.
            guard flags & 1 == 0, method == 0 || method == 8, compressed != .max, uncompressed != .max, localOffset != .max else {
                throw .damaged(path)
            }
            let local = Int(localOffset)
            guard bytes.u32(local) == 0x0403_4B50, let localName = bytes.u16(local + 26), let localExtra = bytes.u16(local + 28) else {
                throw .damaged(path)
            }
            let dataOffset = local + 30 + Int(localName) + Int(localExtra)
            guard dataOffset <= data.count, Int(compressed) <= data.count - dataOffset else { throw .damaged(path) }
            if method == 0, compressed != uncompressed { throw .damaged(path) }
            entries.append(
                Entry(path: path, method: method, crc32: crc, compressedSize: Int(compressed), uncompressedSize: Int(uncompressed),
                    dataOffset: dataOffset))
            p += 46 + Int(nameLength) + Int(extraLength) + Int(commentLength)
        }
        return entries
    }

    /// The entry's bytes, refused as `damaged` when they do not inflate to exactly the size and
    /// checksum the directory states; `consumer` sees each chunk (to enforce limits while inflating).
    static func extract(_ entry: Entry, from data: Data, consumer: (Data) throws -> Void) throws {
        try withoutActuallyEscaping(consumer) { consumer in try extract(entry, from: data, escapingConsumer: consumer) }
    }

    private static func extract(_ entry: Entry, from data: Data, escapingConsumer consumer: @escaping (Data) throws -> Void) throws {
        let start = data.startIndex + entry.dataOffset
        let compressed = data[start..<start + entry.compressedSize]
        var produced = 0
        let count = { (chunk: Data) throws in
            produced += chunk.count
            guard produced <= entry.uncompressedSize else { throw ArchiveError.damaged(entry.path) }
            try consumer(chunk)
        }
        let crc: CRC32
        if entry.method == 0 {
            try count(Data(compressed))
            crc = Data(compressed).crc32(checksum: 0)
        } else {
            do {
                crc = try Data.decompress(size: Int64(entry.compressedSize), bufferSize: 64 * 1024, skipCRC32: false,
                    provider: { position, size in
                        // The stream must end within the entry: asking for more means it is damaged.
                        guard position < Int64(entry.compressedSize) else { throw ArchiveError.damaged(entry.path) }
                        let from = compressed.startIndex + Int(position)
                        var chunk = Data(compressed[from..<min(from + size, compressed.endIndex)])
                        // Always exactly `size` bytes: ZIPFoundation tells zlib the chunk holds `size`
                        // bytes whatever it holds, so a short last chunk let zlib read past its end (an
                        // out-of-bounds read found by fuzzing). Zeros after the entry cannot complete a
                        // stream that is not complete; size and CRC below catch anything else.
                        if chunk.count < size { chunk.append(Data(count: size - chunk.count)) }
                        return chunk
                    }, consumer: count)
            } catch let error as ArchiveError {
                throw error
            } catch {
                throw ArchiveError.damaged(entry.path)
            }
        }
        guard produced == entry.uncompressedSize, crc == entry.crc32 else { throw ArchiveError.damaged(entry.path) }
    }

    /// Little-endian reads that answer nil instead of reading past the end.
    private struct Bytes {
        let data: Data

        func u16(_ at: Int) -> UInt16? {
            guard at >= 0, at + 2 <= data.count else { return nil }
            let i = data.startIndex + at
            return UInt16(data[i]) | UInt16(data[i + 1]) << 8
        }

        func u32(_ at: Int) -> UInt32? {
            guard at >= 0, at + 4 <= data.count else { return nil }
            let i = data.startIndex + at
            return UInt32(data[i]) | UInt32(data[i + 1]) << 8 | UInt32(data[i + 2]) << 16 | UInt32(data[i + 3]) << 24
        }

        func slice(_ at: Int, _ length: Int) -> Data? {
            guard at >= 0, length >= 0, at + length <= data.count else { return nil }
            return data[(data.startIndex + at)..<(data.startIndex + at + length)]
        }
    }
}

import Tabular

/// The CSV reader on the licence hot path (`CSVStream`) and the record reader (`CSVReader`) used by
/// the smaller imports. Both must agree on every input they accept: same records, same fields.
func fuzzCSV(_ data: UnsafePointer<UInt8>, _ size: Int) {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    var reader = CSVReader(bytes: bytes)
    var viaReader: [[String]] = []
    var readerFailed = false
    do {
        while let record = try reader.nextRecord() { viaReader.append(record) }
    } catch {
        readerFailed = true
    }
    let stream = CSVStream(bytes: bytes)
    var viaStream: [[String]] = []
    var streamFailed = false
    do {
        try stream.forEachRecord { record in viaStream.append(record.strings()) }
    } catch {
        streamFailed = true
    }
    if !readerFailed && !streamFailed {
        let nonBlank = { (records: [[String]]) in records.filter { $0 != [""] } }
        precondition(nonBlank(viaReader) == nonBlank(viaStream), "CSVReader and CSVStream disagree")
    }
}

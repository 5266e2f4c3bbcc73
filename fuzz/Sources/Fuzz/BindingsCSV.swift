import Bindings

/// The Bindinger CSV import (systems, vendors or bindings file, told apart by header). A file that
/// reads must write back out (as the export does) and read again to the same rows.
func fuzzBindingsCSV(_ data: UnsafePointer<UInt8>, _ size: Int) {
    guard let file = try? BindingsCSV.read(Array(UnsafeBufferPointer(start: data, count: size)), file: "bindinger.csv") else { return }
    let written: String
    switch file {
    case .systems(let rows): written = BindingsCSV.write(systems: rows)
    case .vendors(let rows): written = BindingsCSV.write(vendors: rows)
    case .bindings(let rows): written = BindingsCSV.write(bindings: rows)
    }
    let again: BindingsCSV.File
    do { again = try BindingsCSV.read(Array(written.utf8), file: "export.csv") } catch {
        preconditionFailure("the export of an accepted file is refused: \(error)")
    }
    precondition(withoutLines(again) == withoutLines(file), "the export does not read back to the same rows")
}

/// Line numbers move when a file is rewritten (blank lines, line breaks inside quotes); the rows don't.
private func withoutLines(_ file: BindingsCSV.File) -> BindingsCSV.File {
    guard case .bindings(var rows) = file else { return file }
    for i in rows.indices { rows[i].line = 0 }
    return .bindings(rows)
}

import Licensing

/// The people file (department, role, desk/frontline per user).
func fuzzPeople(_ data: UnsafePointer<UInt8>, _ size: Int) {
    _ = try? PeopleFile.parse(Array(UnsafeBufferPointer(start: data, count: size)), file: "people.csv")
}

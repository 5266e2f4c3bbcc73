import Licensing

/// The people file (department, role, desk/frontline per user).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    _ = try? PeopleFile.parse(Array(UnsafeBufferPointer(start: data, count: size)), file: "people.csv")
    return 0
}

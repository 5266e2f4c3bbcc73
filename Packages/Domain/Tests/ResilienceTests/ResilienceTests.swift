import Foundation
import Testing

@testable import Resilience

func utc(_ s: String) -> Date { try! Date(s, strategy: .iso8601) }

/// specs/nis2.md rules 1–6.
@Suite struct IncidentClockTests {
    let aware = utc("2026-03-28T23:30:00Z")

    func significant(_ aware: Date) -> IncidentClock.Input {
        IncidentClock.Input(awareAt: aware, significance: .significant(decidedAt: aware.addingTimeInterval(3600)))
    }

    func stage(_ stages: [IncidentClock.Stage], _ kind: IncidentClock.Kind) -> IncidentClock.Stage? { stages.first { $0.kind == kind } }

    @Test func rule1EarlyWarningAndNotificationAreExactDurationsAcrossDaylightSaving() {
        let s = IncidentClock.stages(significant(aware), now: aware)
        #expect(stage(s, .earlyWarning)?.due == utc("2026-03-29T23:30:00Z"))
        #expect(stage(s, .notification)?.due == utc("2026-03-31T23:30:00Z"))
    }

    @Test func rule2FinalReportCountsFromTheNotificationsSubmissionOnTheDanishWallClock() {
        var i = significant(utc("2026-10-12T08:00:00Z"))
        i.notificationSubmittedAt = utc("2026-10-15T08:00:00Z")
        let s = IncidentClock.stages(i, now: utc("2026-10-16T00:00:00Z"))
        let final = stage(s, .final)
        #expect(final?.due == utc("2026-11-15T09:00:00Z"))
        #expect(final?.provisional == false)
    }

    @Test func rule2ProvisionalUntilTheNotificationIsSubmitted() {
        let s = IncidentClock.stages(significant(utc("2026-01-28T10:00:00Z")), now: utc("2026-01-28T12:00:00Z"))
        let final = stage(s, .final)
        #expect(final?.provisional == true)
        // (aware + 72 h) = 31 January 10:00Z; one month later → 28 February (the day does not exist).
        #expect(final?.due == utc("2026-02-28T10:00:00Z"))
    }

    @Test func rule2MonthEnd() {
        #expect(IncidentClock.addingOneMonth(to: utc("2026-01-31T10:00:00Z")) == utc("2026-02-28T10:00:00Z"))
        #expect(IncidentClock.addingOneMonth(to: utc("2026-10-15T08:00:00Z")) == utc("2026-11-15T09:00:00Z"))
    }

    @Test func rule3StillHandledMeansAProgressReportThenAndTheFinalAfterHandlingEnds() {
        var i = significant(utc("2026-05-01T08:00:00Z"))
        i.notificationSubmittedAt = utc("2026-05-03T08:00:00Z")
        let dueAt = utc("2026-06-03T08:00:00Z")
        let during = IncidentClock.stages(i, now: dueAt.addingTimeInterval(60))
        #expect(stage(during, .progress)?.due == dueAt)
        #expect(stage(during, .progress)?.status == .overdue)
        #expect(stage(during, .final)?.due == nil)
        i.handlingEndedAt = utc("2026-06-20T12:00:00Z")
        let after = IncidentClock.stages(i, now: utc("2026-06-21T00:00:00Z"))
        #expect(stage(after, .final)?.due == utc("2026-07-20T12:00:00Z"))
        // Handling that ended in time: no progress report.
        i.handlingEndedAt = utc("2026-05-20T12:00:00Z")
        let inTime = IncidentClock.stages(i, now: utc("2026-06-21T00:00:00Z"))
        #expect(stage(inTime, .progress) == nil)
        #expect(stage(inTime, .final)?.due == dueAt)
    }

    @Test func rule4IntermediateOnlyWhenRequested() {
        var i = significant(aware)
        #expect(stage(IncidentClock.stages(i, now: aware), .intermediate) == nil)
        i.intermediateRequestedDue = utc("2026-04-10T12:00:00Z")
        #expect(stage(IncidentClock.stages(i, now: aware), .intermediate)?.due == utc("2026-04-10T12:00:00Z"))
    }

    @Test func rule5OverdueAndLate() {
        var i = significant(aware)
        let now = aware.addingTimeInterval(30 * 3600)
        #expect(stage(IncidentClock.stages(i, now: now), .earlyWarning)?.status == .overdue)
        #expect(stage(IncidentClock.stages(i, now: now), .notification)?.status == .pending)
        i.earlyWarningSubmittedAt = aware.addingTimeInterval(25 * 3600)
        #expect(stage(IncidentClock.stages(i, now: now), .earlyWarning)?.status == .late)
        i.earlyWarningSubmittedAt = aware.addingTimeInterval(2 * 3600)
        #expect(stage(IncidentClock.stages(i, now: now), .earlyWarning)?.status == .submitted)
    }

    @Test func rule6NoStagesWithoutASignificanceDecision() {
        #expect(IncidentClock.stages(IncidentClock.Input(awareAt: aware), now: aware).isEmpty)
        let not = IncidentClock.Input(awareAt: aware, significance: .notSignificant(decidedAt: aware, justification: "Ingen påvirkning af borgere"))
        #expect(IncidentClock.stages(not, now: aware).isEmpty)
    }
}

@Suite struct RegisterRulesTests {
    @Test func rule7LevelFromTheMatrixWhichFreezesOnceUsed() throws {
        var m = RiskMatrix.standard
        #expect(try m.level(likelihood: 4, impact: 5) == 20)
        #expect(throws: RiskMatrix.Failure.outOfRange(likelihood: 6, impact: 1)) { try m.level(likelihood: 6, impact: 1) }
        try m.replaceLevels([[1, 2], [2, 4]])
        m.markInUse()
        #expect(throws: RiskMatrix.Failure.inUse) { try m.replaceLevels([[1]]) }
        #expect(throws: RiskMatrix.Failure.notRectangular) { try RiskMatrix(levels: [[1, 2], [3]]) }
    }

    @Test func rule9ReviewClocks() {
        let last = utc("2025-06-30T22:00:00Z")
        #expect(ReviewKind.riskAssessment.due(after: last) == utc("2026-06-30T22:00:00Z"))
        #expect(!ReviewKind.riskAssessment.isOverdue(last: last, now: utc("2026-06-30T21:00:00Z")))
        #expect(ReviewKind.riskAssessment.isOverdue(last: last, now: utc("2026-07-01T00:00:00Z")))
        #expect(ReviewKind.contingencyPlanRevision.due(after: last) == utc("2029-06-30T22:00:00Z"))
        #expect(ReviewKind.continuityTest.isOverdue(last: nil, now: last))
    }

    @Test func rule10ContinuityConsistencyWarnings() {
        let processes = [
            Continuity.Process(id: "medicin", mtpdHours: 4, rtoHours: 6, rpoHours: 1, resources: ["fmk", "net"]),
            Continuity.Process(id: "løn", mtpdHours: 72, rtoHours: 24, rpoHours: 24, resources: ["net", "printer"]),
        ]
        let resources = [Continuity.Resource(id: "fmk", rtoHours: 2, rpoHours: 4), Continuity.Resource(id: "net", rtoHours: 8, rpoHours: 0.5)]
        let w = Continuity.warnings(processes: processes, resources: resources)
        #expect(w.contains(.rtoExceedsMTPD(process: "medicin")))
        #expect(w.contains(.resourceRPOTooLong(resource: "fmk", limitHours: 1, process: "medicin")))
        #expect(w.contains(.resourceRTOTooLong(resource: "net", limitHours: 6, process: "medicin")))
        #expect(w.contains(.unknownResource(process: "løn", resource: "printer")))
        #expect(!w.contains(.rtoExceedsMTPD(process: "løn")))
    }

    @Test func rule11TargetsMetIsComputed() {
        var r = Continuity.ExerciseResult(targetRTOHours: 4, targetRPOHours: 1, achievedRTOHours: nil, achievedRPOHours: nil)
        #expect(r.targetsMet == nil)
        r.achievedRTOHours = 3.5
        r.achievedRPOHours = 1
        #expect(r.targetsMet == true)
        r.achievedRTOHours = 4.5
        #expect(r.targetsMet == false)
    }

    @Test func rule12TimelineIsAppendOnlyAndNeverInTheFuture() throws {
        let now = utc("2026-03-01T10:00:00Z")
        var t = Timeline(status: "åben", severity: "middel")
        try t.add("Hjemmeplejens medicinsystem svarer ikke", at: now.addingTimeInterval(-600), now: now)
        #expect(throws: Timeline.Failure.inTheFuture) { try t.add("x", at: now.addingTimeInterval(60), now: now) }
        t.setSeverity("høj", now: now)
        t.setStatus("håndteres", now: now)
        t.setStatus("håndteres", now: now)
        #expect(t.entries.count == 3)
        #expect(t.entries.filter(\.automatic).map(\.text) == ["Alvor: middel → høj", "Status: åben → håndteres"])
    }

    @Test func rule13CatalogueIntegrity() {
        let c = MeasureCatalogue.bundled
        #expect(c.nis2Article21.map(\.id) == ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"])
        #expect(c.nis2Article21.allSatisfy { !$0.da.isEmpty && !$0.en.isEmpty })
        #expect(c.annexA.count == 93)
        let themes = Dictionary(grouping: c.annexA, by: \.theme).mapValues(\.count)
        #expect(themes == ["organisational": 37, "people": 8, "physical": 14, "technological": 34])
        #expect(c.regulation2024_2690.map(\.id) == (1...13).map(String.init))
        #expect(Set(c.regulation2024_2690.flatMap(\.article21)) == Set(c.nis2Article21.map(\.id)), "every point a–j is detailed")
        #expect(c.integrityProblems().isEmpty)
        #expect(c.items.count == 10 + 13 + 93)
        #expect(c.item(ref: "art21:c")?.da.hasPrefix("driftskontinuitet") == true)
        #expect(c.item(ref: "iso:8.13")?.citation == "ISO 27001 A.8.13")
        #expect(c.item(ref: "eu2690:4")?.en == "Business continuity and crisis management")
        #expect(c.item(ref: "iso:9.1") == nil)
    }

    @Test func rule13IntegrityCatchesBrokenReferences() throws {
        var c = MeasureCatalogue.bundled
        c.nis2Article21[0].iso27001.append("5.99")
        c.regulation2024_2690[0].article21.append("k")
        c.annexA.append(c.annexA[0])
        let problems = c.integrityProblems()
        #expect(problems.contains("duplicate Annex A ids"))
        #expect(problems.contains("Art. 21(2)(a) refers to unknown control 5.99"))
        #expect(problems.contains("2024/2690 section 1 refers to unknown point k"))
    }
}

@Suite struct IncidentReportTextTests {
    let facts = IncidentReportText.Facts(
        municipality: "Aarhus Kommune", title: "Medicinmodulet er nede", description: "Hjemmeplejen kan ikke se medicinlister.",
        awareAt: utc("2026-03-28T23:30:00Z"), suspectedUnlawfulOrMalicious: false, crossBorderImpact: nil, severity: "høj",
        impact: "Ca. 1.200 borgere i hjemmeplejen; papirlister i brug.")

    @Test func everyTextIsMarkedConfidentialAndNamesTheStageAndDanishTime() {
        for kind in IncidentClock.Kind.allCases {
            let text = IncidentReportText.text(kind, facts)
            #expect(text.hasPrefix(IncidentReportText.confidential))
            #expect(text.contains(IncidentReportText.title(kind)))
            // 23:30Z on 28 March is 00:30 on 29 March in Copenhagen (CET, before the change at 02:00).
            #expect(text.contains("29. marts 2026"))
        }
    }

    @Test func earlyWarningCarriesOnlyWhatArt23_4aAsksFor() {
        let text = IncidentReportText.text(.earlyWarning, facts)
        #expect(text.contains("Mistanke om ulovlig eller ondsindet handling: Nej"))
        #expect(text.contains("grænseoverskridende virkning: Ikke vurderet endnu"))
        #expect(!text.contains("Alvor:"))
        #expect(IncidentReportText.missing(.earlyWarning, facts) == ["grænseoverskridende virkning"])
    }

    @Test func finalReportAsksForCauseAndMitigation() {
        let text = IncidentReportText.text(.final, facts)
        #expect(text.contains("Trussel eller grundlæggende årsag: Ikke angivet"))
        #expect(IncidentReportText.missing(.final, facts).contains("afhjælpende foranstaltninger"))
        var done = facts
        done.crossBorderImpact = false
        done.rootCause = "Fejlbehæftet opdatering hos leverandøren"
        done.mitigation = "Rullet tilbage; leverandøren tester nu før udrulning"
        #expect(IncidentReportText.missing(.final, done).isEmpty)
        #expect(IncidentReportText.text(.final, done).contains("Rullet tilbage"))
    }
}

@Suite struct CalendarFeedTests {
    @Test func deadlinesAreUTCInstantsAndReviewsAreCopenhagenDays() {
        let ics = CalendarFeed.ics(name: "NIS2 – Aarhus", events: [
            .init(uid: "incident-1-early_warning", summary: "Tidlig varsling: Strømsvigt; rådhus, fløj B", start: utc("2026-03-29T23:30:00Z"), allDay: false),
            // Noon UTC on 31 March is still 31 March in Copenhagen.
            .init(uid: "plan-1-test", summary: "Test af beredskabsplan", start: utc("2026-03-31T12:00:00Z"), allDay: true, description: "Linje 1\nLinje 2"),
        ], stamp: utc("2026-03-01T10:00:00Z"))
        #expect(ics.hasPrefix("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"))
        #expect(ics.hasSuffix("END:VCALENDAR\r\n"))
        #expect(ics.contains("DTSTART:20260329T233000Z\r\n"))
        #expect(ics.contains("SUMMARY:Tidlig varsling: Strømsvigt\\; rådhus\\, fløj B\r\n"))
        #expect(ics.contains("DTSTART;VALUE=DATE:20260331\r\nDTEND;VALUE=DATE:20260401\r\n"))
        #expect(ics.contains("DESCRIPTION:Linje 1\\nLinje 2\r\n"))
        #expect(ics.contains("TRIGGER:-PT1H"))
        #expect(!ics.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
    }

    @Test func longLinesFoldAt75OctetsWithoutSplittingCharacters() {
        let summary = String(repeating: "æ", count: 100)
        let folded = CalendarFeed.fold("SUMMARY:" + summary)
        let lines = folded.components(separatedBy: "\r\n")
        #expect(lines.count > 1)
        #expect(lines.allSatisfy { $0.utf8.count <= 75 })
        #expect(lines.dropFirst().allSatisfy { $0.hasPrefix(" ") })
        #expect(lines.enumerated().map { $0 == 0 ? $1 : String($1.dropFirst()) }.joined() == "SUMMARY:" + summary)
    }
}

@Suite struct CalendarEscapingTests {
    /// A comma or semicolon followed by a combining mark is one Character; escaping works by scalar.
    @Test func separatorsFollowedByACombiningMarkAreEscaped() {
        #expect(CalendarFeed.escape("a,\u{33C}b;\u{5C7}c\\\r\nd") == "a\\,\u{33C}b\\;\u{5C7}c\\\\\\nd")
    }
}

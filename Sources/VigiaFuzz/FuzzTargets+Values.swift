import VigiaCore
import VigiaFormats

/// The targets on single values: dates, percentages and numbers, and what is computed from them.
extension FuzzTarget {
    static let dateSeeds = ["04/01/2025", "4/1/25", "04-01-2025", "4.1.2025", "2025-01-04", "29/02/2024", "31/12/9999",
                            "01/01/1000", "45000", "45000,25", "Permanente", "31/12/2026", "1/03/2026"].map { Array($0.utf8) }

    static let dates = FuzzTarget(
        name: "dates", summary: "LocalDate(iso:), LocalDate(dayFirst:), the plan importer's date cell, ScheduledDate; "
            + "then date arithmetic, weekdays and the Colombian calendar with integers of any size",
        generate: { r, _ in
            switch r.below(10) {
            case 0...2: return TextMutator(corpus: dateSeeds, maxSize: 4096).mutate(r.pick(dateSeeds), &r)
            case 3, 4: return Array(validDate(&r).utf8)
            case 5...7: return Array(Payloads.date(&r).utf8)
            default: return Payloads.any(&r)
            }
        },
        run: { bytes in
            let t = text(bytes)
            var scheduled: LocalDate? = nil
            if case .date(let d)? = ScheduledDate(text: t) { scheduled = d }
            let parsed = [LocalDate(iso: t), LocalDate(dayFirst: t), PlanCells.date(t), scheduled].compactMap { $0 }
            // Integers of any size, drawn from the input itself so a saved input replays exactly.
            var r = FuzzRandom(seed: .fnv1a(bytes))
            let fallback = LocalDate(year: 2025, month: 1, day: 4)!
            for date in parsed.isEmpty ? [fallback] : parsed { exercise(date, &r) }
            blackHole(LocalDate(year: r.wildInt(), month: r.wildInt(), day: r.wildInt()))
            blackHole(LocalDate(year: r.wildInt(), month: 1 + r.below(12), day: 1 + r.below(31)))
            exercise(LocalDate(dayNumber: r.wildInt()), &r)
            blackHole(ColombianCalendar.easter(r.wildInt()))
            blackHole(ColombianCalendar.holidays(r.wildInt()))
            blackHole(ColombianCalendar.businessDay(r.below(40), month: r.chance(50) ? 1 + r.below(12) : r.wildInt(), year: r.wildInt()))
            blackHole(PeriodSnapshot.cuatrimestres(r.wildInt()))
            blackHole(PeriodSnapshot.semestres(r.wildInt()))
            return parsed.isEmpty ? .rejected : .accepted
        })

    /// A real date in one of the ways people write it, so the arithmetic runs on parsed dates.
    static func validDate(_ r: inout FuzzRandom) -> String {
        let y = r.chance(80) ? 1990 + r.below(60) : 1000 + r.below(9000), m = 1 + r.below(12), d = 1 + r.below(28)
        switch r.below(4) {
        case 0: return "\(d)/\(m)/\(y)"
        case 1: return "\(y)-\(m < 10 ? "0" : "")\(m)-\(d < 10 ? "0" : "")\(d)"
        case 2: return "\(d).\(m).\(y % 100)"
        default: return String(20001 + r.below(59998))  // an Excel serial
        }
    }

    static func exercise(_ date: LocalDate, _ r: inout FuzzRandom) {
        blackHole(date.iso + date.dayFirst + date.description)
        blackHole(date.adding(days: r.wildInt()))
        blackHole(date.adding(months: r.wildInt()))
        let near = date.adding(days: r.below(200) - 100)
        blackHole(LocalDate.days(from: date, to: near))
        blackHole(date.adding(months: r.below(400) - 200).dayFirst)
        blackHole(near.weekday)
        blackHole(ColombianCalendar.isBusinessDay(near))
        blackHole(ColombianCalendar.businessDays(from: date, to: near))
        blackHole(ColombianCalendar.publicationDeadline(cutOff: date, businessDays: r.below(30)))
        blackHole(Schedule.expectedProgress(fechaInicial: date, fechaFinal: near, at: date.adding(days: r.wildInt())))
        blackHole(Schedule.weeks(fechaInicial: date, fechaFinal: near))
        blackHole(Schedule.isOverdue(percent: 50, fechaFinal: near, at: date))
    }

    static let percentSeeds = ["85,4", "85.4", "85,4 %", "85 %", "0,75", "100%", "0", "1", "1 informe elaborado",
                               "100% de los incumplimientos", "Realizar al menos 2 jornadas", "N/A"].map { Array($0.utf8) }

    static let percent = FuzzTarget(
        name: "percent", summary: "PercentInput (points and fractions), the plan importer's % cell and MetaQuantity.parse; "
            + "then formatting, aggregation and zones of what they read",
        generate: { r, _ in
            switch r.below(10) {
            case 0...4: return TextMutator(corpus: percentSeeds, maxSize: 4096).mutate(r.pick(percentSeeds), &r)
            case 5...7: return Array(Payloads.number(&r).utf8)
            default: return Payloads.any(&r)
            }
        },
        run: { bytes in
            let t = text(bytes)
            let parsed = PercentInput.number(t)
            var values = [parsed]
            for input in [PercentInput(t), PlanCells.percent(t)] {
                switch input.reading {
                case .value(let v), .outOfRange(let v): values.append(v)
                case .empty, .notANumber: break
                }
                blackHole((input.problem(field: "el % de avance") ?? "") + (input.importProblem ?? ""))
            }
            let quantity = MetaQuantity.parse(t)
            values.append(quantity?.quantity)
            for value in values { blackHole(SpanishFormat.percent(value) + SpanishFormat.number(value ?? 0, maxDecimals: 2)) }
            let measures = [ActionMeasure(percent: parsed, metaQuantity: quantity?.quantity), ActionMeasure(percent: 50, metaQuantity: parsed)]
            for method in AggregationMethod.allCases {
                let figure = ProgressAggregation.findingPercent(measures, method: method)
                blackHole(SpanishFormat.percent(figure.porcentaje) + RatingZone(percent: figure.porcentaje).label)
                blackHole(ProgressAggregation.planPercent([figure, figure], method: method))
            }
            blackHole(IndicatorShape.isCountOrRatio(t))
            return parsed == nil ? .rejected : .accepted
        })

    static let specialDoubles: [Double] = [0, -0.0, .nan, -.nan, .signalingNaN, .infinity, -.infinity, .greatestFiniteMagnitude,
        -.greatestFiniteMagnitude, .leastNonzeroMagnitude, .leastNormalMagnitude, 1e308, -1e308, 1e15, 1e18, 9.2e18,
        9.3e18, Double(Int.max), Double(Int.max).nextDown, Double(Int.min), 9_007_199_254_740_992, 0.05, 0.95, 99.95, 99.94999,
        -0.04, -0.05, 0.5, 1.5, 66.66666, 1234.5, 999.95, 100]

    static let number = FuzzTarget(
        name: "number", summary: "SpanishFormat.number/percent, zones, aggregation and ImportError.letter on any Double "
            + "(bit patterns included) and any maxDecimals",
        generate: { r, _ in
            let value: Double
            switch r.below(10) {
            case 0...2: value = r.pick(specialDoubles)
            case 3...5: value = Double(bitPattern: r.next())
            case 6, 7: value = Double(Payloads.number(&r)) ?? Double(r.wildInt())
            default: value = Double(bitPattern: r.pick(specialDoubles).bitPattern ^ (1 << UInt64(r.below(64))))
            }
            let decimals = r.chance(70) ? 1 : r.below(24) - 2
            return withUnsafeBytes(of: value.bitPattern.littleEndian, Array.init) + [UInt8(bitPattern: Int8(decimals))]
        },
        run: { bytes in
            var bits: UInt64 = 0
            for (i, b) in bytes.prefix(8).enumerated() { bits |= UInt64(b) << (8 * UInt64(i)) }
            let value = Double(bitPattern: bits)
            let decimals = bytes.count > 8 ? Int(Int8(bitPattern: bytes[8])) : 1
            blackHole(SpanishFormat.number(value) + SpanishFormat.number(value, maxDecimals: decimals))
            blackHole(SpanishFormat.percent(value) + RatingZone(percent: value).label)
            blackHole(ReportCell.percent(value))
            blackHole(ProgressAggregation.findingPercent([ActionMeasure(percent: value, metaQuantity: value),
                                                          ActionMeasure(percent: 100, metaQuantity: 1)], method: .weightedByMetaQuantity))
            var r = FuzzRandom(seed: bits)
            blackHole(ImportError.letter(r.chance(5) ? r.pick([Int.max, Int.min, -1]) : r.wildInt()))
            return value.isFinite ? .accepted : .rejected
        })
}

import Foundation
import Vapor
import VigiaCore

/// The server's only source of time. `ServerSettings.now` is set at start-up (the system clock)
/// and replaced in tests, so every rule that depends on the date can be tested on both sides of
/// its boundary. Nothing else in VigiaServer reads the clock.
extension Application {
    /// This moment, from the injected clock.
    public var now: Date { settings.now() }
    /// Today's date in Colombia, from the injected clock.
    public var today: LocalDate { LocalDate.today(now: settings.now()) }
}

extension Request {
    var now: Date { application.now }
    var today: LocalDate { application.today }
}

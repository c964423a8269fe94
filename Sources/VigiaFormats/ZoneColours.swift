import VigiaCore

/// The semáforo's colours, shared by the renderers: a cell's background and its text colour
/// per zone, as 0xRRGGBB. Which zone a % falls in is the entity's `RatingZoneLimits`, never here.
enum ZoneColours {
    static func colours(_ light: RatingZone) -> (background: UInt32, text: UInt32)? {
        switch light {
        case .rojo: (0xFDE7E5, 0xB3261E)
        case .amarillo: (0xFFF4CC, 0x7A5A00)
        case .verde: (0xE3F4E7, 0x1E6B34)
        case .sinDato: nil
        }
    }

    /// 0xRRGGBB as Cairo's 0–1 channels.
    static func rgb(_ hex: UInt32) -> (Double, Double, Double) {
        (Double(hex >> 16 & 0xFF) / 255, Double(hex >> 8 & 0xFF) / 255, Double(hex & 0xFF) / 255)
    }
}

//! Symbol-font characters (`w:sym`, bullet level texts). Word stores them as private-use
//! code points U+F000–U+F0FF whose low byte is the glyph's position in the font; the common
//! ones of Symbol and Wingdings map to the Unicode character they draw. Anything unknown
//! keeps its private-use code point, so no character is lost.

/// The character a `w:sym w:font=… w:char=…` shows.
pub(crate) fn sym(font: Option<&str>, hex: &str) -> Option<char> {
    let code = u32::from_str_radix(hex.trim(), 16).ok()?;
    Some(map(font, code))
}

/// A level text or run text written in a symbol font, mapped character by character.
pub(crate) fn map_text(font: Option<&str>, text: &str) -> String {
    text.chars().map(|c| map(font, u32::from(c))).collect()
}

fn map(font: Option<&str>, code: u32) -> char {
    let original = char::from_u32(code).unwrap_or(char::REPLACEMENT_CHARACTER);
    let low = match code {
        0xF020..=0xF0FF => code - 0xF000,
        // Bullets in a symbol font are sometimes written with the low byte only.
        0x20..=0xFF if font.is_some_and(is_symbol_font) => code,
        _ => return original,
    };
    let font = font.unwrap_or("Symbol").to_ascii_lowercase();
    let mapped = if font.starts_with("wingdings") {
        wingdings(low)
    } else if font == "symbol" {
        symbol(low)
    } else {
        None
    };
    mapped.unwrap_or(if (0xF020..=0xF0FF).contains(&code) {
        original
    } else {
        char::from_u32(low).unwrap_or(original)
    })
}

fn is_symbol_font(font: &str) -> bool {
    let font = font.to_ascii_lowercase();
    font == "symbol" || font.starts_with("wingdings")
}

fn symbol(low: u32) -> Option<char> {
    const GREEK_UPPER: &str = "ΑΒΧΔΕΦΓΗΙϑΚΛΜΝΟΠΘΡΣΤΥςΩΞΨΖ";
    const GREEK_LOWER: &str = "αβχδεφγηιϕκλμνοπθρστυϖωξψζ";
    let c = match low {
        0x41..=0x5A => return GREEK_UPPER.chars().nth((low - 0x41) as usize),
        0x61..=0x7A => return GREEK_LOWER.chars().nth((low - 0x61) as usize),
        0x22 => '∀',
        0x24 => '∃',
        0x27 => '∋',
        0x2D => '−',
        0x40 => '≅',
        0x5E => '⊥',
        0xA2 => '′',
        0xA3 => '≤',
        0xA5 => '∞',
        0xA7 => '♣',
        0xA8 => '♦',
        0xA9 => '♥',
        0xAA => '♠',
        0xAB => '↔',
        0xAC => '←',
        0xAD => '↑',
        0xAE => '→',
        0xAF => '↓',
        0xB0 => '°',
        0xB1 => '±',
        0xB2 => '″',
        0xB3 => '≥',
        0xB4 => '×',
        0xB5 => '∝',
        0xB6 => '∂',
        0xB7 => '•',
        0xB8 => '÷',
        0xB9 => '≠',
        0xBA => '≡',
        0xBB => '≈',
        0xBC => '…',
        0xC6 => '∅',
        0xC7 => '∩',
        0xC8 => '∪',
        0xCE => '∈',
        0xCF => '∉',
        0xD6 => '√',
        0xD7 => '⋅',
        0xD8 => '¬',
        0xD9 => '∧',
        0xDA => '∨',
        0xDB => '⇔',
        0xDE => '⇒',
        0xE5 => '∑',
        0xF2 => '∫',
        0x20..=0x7E => char::from_u32(low)?,
        _ => return None,
    };
    Some(c)
}

fn wingdings(low: u32) -> Option<char> {
    let c = match low {
        0x4A => '☺',
        0x4C => '☹',
        0x6C => '●',
        0x6E => '■',
        0x6F => '□',
        0x71 => '❑',
        0x75 => '◆',
        0x76 => '❖',
        0x9F => '•',
        0xA1 => '○',
        0xA7 => '▪',
        0xA8 => '◻',
        0xD8 => '➢',
        0xE8 => '➔',
        0xFB => '✗',
        0xFC => '✓',
        0xFD => '☒',
        0xFE => '☑',
        _ => return None,
    };
    Some(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn private_use_symbols_map_to_unicode() {
        assert_eq!(sym(Some("Symbol"), "F0B7"), Some('•'));
        assert_eq!(sym(Some("Wingdings"), "F0FC"), Some('✓'));
        assert_eq!(sym(Some("Symbol"), "F061"), Some('α'));
        assert_eq!(sym(Some("Unknown"), "F0B7"), Some('\u{F0B7}'));
        assert_eq!(sym(None, "2460"), Some('①'));
        assert_eq!(map_text(Some("Symbol"), "\u{F0B7}"), "•");
        assert_eq!(map_text(Some("Courier New"), "o"), "o");
    }
}

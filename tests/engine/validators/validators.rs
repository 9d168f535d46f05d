//! Validators of received close codes, written for the wscodes tests.

pub enum Kind {
    Normal,
    Away,
    Protocol,
    Unsupported,
    Invalid,
    Policy,
    Size,
    Extension,
    Error,
    App(u16),
    Bad(u16),
}

impl From<u16> for Kind {
    fn from(code: u16) -> Kind {
        match code {
            1000 => Kind::Normal,
            1001 => Kind::Away,
            1002 => Kind::Protocol,
            1003 => Kind::Unsupported,
            1007 => Kind::Invalid,
            1008 => Kind::Policy,
            1009 => Kind::Size,
            1010 => Kind::Extension,
            1011 => Kind::Error,
            1..=999 => Kind::Bad(code),
            3000..=4999 => Kind::App(code),
            _ => Kind::Bad(code), // expect: WSC012
        }
    }
}

pub fn is_valid_close_code(code: u16) -> bool { // validator: correct
    matches!(code, 1000..=1003 | 1007..=1014 | 3000..=4999)
}

pub fn describe(code: u16) -> &'static str {
    match code {
        1000 => "normal",
        1001 => "going away",
        1012 => "restarting",
        1013 => "busy",
        4000 => "kicked",
        _ => "other",
    }
}

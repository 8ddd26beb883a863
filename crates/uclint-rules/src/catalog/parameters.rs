//! How CUCM writes the values of enterprise and service parameters. Looking a parameter up is the
//! run's business ([`Context::service_parameter`](crate::Context::service_parameter)); reading
//! its value is the same for every run.

/// A boolean parameter value: `T`/`F` in parameter files, or any CUCM boolean spelling.
pub fn param_flag(value: &str) -> Option<bool> {
    match value.trim().to_ascii_lowercase().as_str() {
        "t" | "true" | "1" => Some(true),
        "f" | "false" | "0" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameter_flags() {
        assert_eq!(param_flag("T"), Some(true));
        assert_eq!(param_flag("f"), Some(false));
        assert_eq!(param_flag("On"), None);
    }
}

//! The one shape of a refusal, as the desktop's IPC already uses it: a stable `code`
//! a program branches on and a `message` written for the producer who reads it.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiError {
    pub code: String,
    pub message: String,
}

impl ApiError {
    pub fn new(code: impl Into<String>, message: impl Into<String>) -> Self {
        ApiError {
            code: code.into(),
            message: message.into(),
        }
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ApiError {}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn is_code_and_message_and_nothing_else() {
        let e = ApiError::new("not_found", "no desk with id 42");
        assert_eq!(
            serde_json::to_value(&e).unwrap(),
            json!({"code": "not_found", "message": "no desk with id 42"})
        );
        let back: ApiError =
            serde_json::from_value(json!({"code": "not_found", "message": "no desk with id 42"}))
                .unwrap();
        assert_eq!(back, e);
        assert_eq!(e.to_string(), "no desk with id 42");
    }
}

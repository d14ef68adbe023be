//! Errors of the JSON API. Each becomes a status code and a JSON body
//! `{"error": "…"}` that says what was wrong and how to put it right; a
//! pack with errors also carries its `diagnostics`.

use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, Request};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::de::DeserializeOwned;
use serde_json::json;

use super::limits::MAX_BODY_BYTES;
use crate::lang::json::JsonDiagnostic;

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// The request is not what the endpoint takes (400, or the status the
    /// body parser chose: 415 without a JSON content type, 422 for JSON of
    /// the wrong shape).
    #[error("{message}")]
    BadRequest { status: StatusCode, message: String },
    /// A path outside the pack, a link, another origin (403).
    #[error("{0}")]
    Refused(String),
    #[error("{0}")]
    NotFound(String),
    /// Over a documented cap (413).
    #[error("{0}")]
    TooLarge(String),
    /// The pack (with the unsaved files of the request) does not check (422).
    #[error("the pack has {errors} error{}: fix {} first (see `diagnostics`)", plural(*errors), if *errors == 1 { "it" } else { "them" })]
    PackErrors {
        errors: usize,
        diagnostics: Vec<JsonDiagnostic>,
    },
    #[error("{0}")]
    Internal(String),
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

impl ApiError {
    pub fn bad_request(message: impl Into<String>) -> ApiError {
        ApiError::BadRequest {
            status: StatusCode::BAD_REQUEST,
            message: message.into(),
        }
    }

    pub fn status(&self) -> StatusCode {
        match self {
            ApiError::BadRequest { status, .. } => *status,
            ApiError::Refused(_) => StatusCode::FORBIDDEN,
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
            ApiError::TooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::PackErrors { .. } => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = self.status();
        let body = match &self {
            ApiError::PackErrors { diagnostics, .. } => {
                json!({"error": self.to_string(), "diagnostics": diagnostics})
            }
            _ => json!({"error": self.to_string()}),
        };
        (status, Json(body)).into_response()
    }
}

impl From<JsonRejection> for ApiError {
    fn from(rejection: JsonRejection) -> ApiError {
        let status = rejection.status();
        if status == StatusCode::PAYLOAD_TOO_LARGE {
            return ApiError::TooLarge(format!(
                "the request body is larger than {} MiB, the most evrule serve reads (see docs/SERVE.md, Limits)",
                MAX_BODY_BYTES >> 20
            ));
        }
        let message = match &rejection {
            JsonRejection::MissingJsonContentType(_) => {
                "the request body must be JSON, sent with `Content-Type: application/json`"
                    .to_string()
            }
            JsonRejection::JsonSyntaxError(_) => {
                format!("malformed JSON{}", inner_message(&rejection))
            }
            JsonRejection::JsonDataError(_) => {
                format!("unexpected JSON{}", inner_message(&rejection))
            }
            _ => rejection.body_text(),
        };
        ApiError::BadRequest { status, message }
    }
}

/// serde's own words (with line and column) after `: `, and the field
/// they are about (`in `text``), without axum's preamble.
fn inner_message(rejection: &JsonRejection) -> String {
    let text = rejection.body_text();
    let message = text
        .split_once(": ")
        .map_or(text.as_str(), |(_, rest)| rest);
    match message.split_once(": ") {
        Some((path, rest)) if !path.contains(' ') => format!(" in `{path}`: {rest}"),
        _ => format!(": {message}"),
    }
}

/// A JSON request body whose rejections are [`ApiError`]s (JSON, with a
/// message naming what was wrong) rather than axum's plain-text ones.
pub struct Body<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for Body<T> {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, ApiError> {
        let Json(value) = Json::<T>::from_request(request, state).await?;
        Ok(Body(value))
    }
}

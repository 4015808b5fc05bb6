//! Files kept with a case: checked before anything is stored. A file must be one of the types
//! a complaints team handles (PDF, a photograph, a Word or Excel file, plain text), its
//! contents must be what its name says (a program renamed `letter.pdf` is refused), and it
//! must be under [`MAX_BYTES`]. The name kept is the file's own, without any folder.

use putright_domain::Reference;
use putright_store::{AttachmentRow, AttachmentStore, Store};
use sha2::{Digest, Sha256};

use crate::app::App;
use crate::backend::dispatch;
use crate::casebook::Casebook;
use crate::error::AppError;

/// The largest file kept: 10 MB.
pub const MAX_BYTES: usize = 10 * 1024 * 1024;

/// A type of file accepted.
struct FileType {
    /// The name's extension, in lower case.
    extension: &'static str,
    /// The media type it is served as.
    media_type: &'static str,
    /// What people call it.
    called: &'static str,
    /// Whether the contents are of this type.
    is: fn(&[u8]) -> bool,
}

const fn kind(
    extension: &'static str,
    media_type: &'static str,
    called: &'static str,
    is: fn(&[u8]) -> bool,
) -> FileType {
    FileType {
        extension,
        media_type,
        called,
        is,
    }
}

/// The types accepted, by the name's extension.
const TYPES: [FileType; 7] = [
    kind("pdf", "application/pdf", "a PDF", |b| {
        b.starts_with(b"%PDF-")
    }),
    kind("png", "image/png", "a PNG image", |b| {
        b.starts_with(b"\x89PNG\r\n\x1a\n")
    }),
    kind("jpg", "image/jpeg", "a JPEG image", |b| {
        b.starts_with(b"\xFF\xD8\xFF")
    }),
    kind("jpeg", "image/jpeg", "a JPEG image", |b| {
        b.starts_with(b"\xFF\xD8\xFF")
    }),
    kind(
        "docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "a Word document",
        |b| zip_holding(b, b"word/"),
    ),
    kind(
        "xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "an Excel workbook",
        |b| zip_holding(b, b"xl/"),
    ),
    kind("txt", "text/plain; charset=utf-8", "a text file", |b| {
        std::str::from_utf8(b).is_ok_and(|t| !t.contains('\0'))
    }),
];

/// Whether `bytes` are a zip archive that names a part under `folder` (how Word and Excel
/// files are made).
fn zip_holding(bytes: &[u8], folder: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") && bytes.windows(folder.len()).any(|w| w == folder)
}

/// A file checked and ready to keep.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedFile {
    /// The file's own name, without any folder.
    pub file_name: String,
    /// Its type, as its contents show.
    pub media_type: &'static str,
}

/// The file's name without any folder a browser sent with it, and without control characters.
fn own_name(raw: &str) -> String {
    let last = raw.rsplit(['/', '\\']).next().unwrap_or(raw);
    let clean: String = last.chars().filter(|c| !c.is_control()).collect();
    clean.trim().chars().take(200).collect()
}

/// Checks a file before it is kept: its name, its type against its contents, and its size.
pub fn check(raw_name: &str, bytes: &[u8]) -> Result<CheckedFile, AppError> {
    let file_name = own_name(raw_name);
    if file_name.is_empty() && bytes.is_empty() {
        return Err(AppError::Invalid("Select a file".into()));
    }
    if bytes.is_empty() {
        return Err(AppError::Invalid("The selected file is empty".into()));
    }
    if bytes.len() > MAX_BYTES {
        return Err(AppError::Invalid(
            "The selected file must be smaller than 10 MB".into(),
        ));
    }
    let extension = file_name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    let Some(kind) = TYPES.iter().find(|t| t.extension == extension) else {
        return Err(AppError::Invalid(
            "The selected file must be a PDF, JPG, PNG, DOCX, XLSX or TXT".into(),
        ));
    };
    if !(kind.is)(bytes) {
        let called = kind.called;
        return Err(AppError::Invalid(format!(
            "The selected file is not {called}, although its name says so: save it again as {called} and upload that"
        )));
    }
    Ok(CheckedFile {
        file_name,
        media_type: kind.media_type,
    })
}

impl<S: Store> Casebook<S> {
    /// Checks a file and keeps it with case `reference`; returns its number.
    pub async fn attach(
        &self,
        reference: &Reference,
        raw_name: &str,
        bytes: &[u8],
        description: Option<&str>,
        by: &str,
    ) -> Result<i64, AppError> {
        let checked = check(raw_name, bytes)?;
        let row = AttachmentRow {
            id: 0,
            file_name: checked.file_name,
            media_type: checked.media_type.to_owned(),
            size: i64::try_from(bytes.len()).unwrap_or(i64::MAX),
            sha256: format!("{:x}", Sha256::digest(bytes)),
            description: description
                .map(str::trim)
                .filter(|d| !d.is_empty())
                .map(str::to_owned),
            added_by: by.to_owned(),
            added_at: self.clock().now(),
        };
        self.store()
            .add_attachment(reference.as_str(), &row, bytes)
            .await
            .map_err(|e| match e {
                putright_store::StoreError::Refused(_) => AppError::NotFound(reference.to_string()),
                other => other.into(),
            })
    }
}

impl App {
    /// Checks a file and keeps it with a case, added by `by`; returns its number.
    pub async fn attach(
        &self,
        reference: &Reference,
        file_name: &str,
        bytes: &[u8],
        description: Option<&str>,
        by: &str,
    ) -> Result<i64, AppError> {
        dispatch!(self, book => book.attach(reference, file_name, bytes, description, by).await)
    }

    /// A case's files, oldest first, without their contents.
    pub async fn attachments(&self, reference: &Reference) -> Result<Vec<AttachmentRow>, AppError> {
        Ok(dispatch!(self, book => book.store().attachments(reference.as_str()).await)?)
    }

    /// One of a case's files with its contents.
    pub async fn attachment(
        &self,
        reference: &Reference,
        id: i64,
    ) -> Result<(AttachmentRow, Vec<u8>), AppError> {
        dispatch!(self, book => book.store().attachment(reference.as_str(), id).await)?
            .ok_or_else(|| AppError::NotFound(format!("attachment {id} of case {reference}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(name: &str, bytes: &[u8]) -> String {
        check(name, bytes).unwrap_err().to_string()
    }

    #[test]
    fn a_file_is_what_its_contents_show_and_keeps_only_its_own_name() {
        let pdf = check("C:\\Users\\rosa\\letter.PDF", b"%PDF-1.7 ...").unwrap();
        assert_eq!(pdf.file_name, "letter.PDF");
        assert_eq!(pdf.media_type, "application/pdf");
        let docx = check("../../reply.docx", b"PK\x03\x04....word/document.xml").unwrap();
        assert_eq!(docx.file_name, "reply.docx");
        assert_eq!(
            check("notes.txt", "Rang at 10:04".as_bytes())
                .unwrap()
                .media_type,
            "text/plain; charset=utf-8"
        );
    }

    #[test]
    fn a_disguised_empty_oversized_or_unknown_file_is_refused_saying_why() {
        assert!(refused("photo.jpg", b"MZ\x90\x00 a program").contains("is not a JPEG image"));
        assert!(refused("table.xlsx", b"PK\x03\x04....word/document.xml").contains("not an Excel"));
        assert!(refused("notes.txt", b"text\0with a NUL").contains("not a text file"));
        assert_eq!(refused("empty.pdf", b""), "The selected file is empty");
        assert_eq!(refused("", b""), "Select a file");
        let big = vec![b'a'; MAX_BYTES + 1];
        assert!(refused("big.txt", &big).contains("smaller than 10 MB"));
        assert!(refused("run.exe", b"MZ").contains("must be a PDF, JPG, PNG, DOCX, XLSX or TXT"));
        assert!(refused("no-extension", b"%PDF-").contains("must be a PDF"));
    }
}

//! Writes the sample report as a Word file, to open in Word or LibreOffice:
//! `cargo run -p putright-docx --example sample -- sample.docx`.

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "sample.docx".to_owned());
    let bytes = putright_docx::from_document(&putright_document::sample::annual_report())?;
    std::fs::write(&path, bytes)?;
    println!("wrote {path}");
    Ok(())
}

//! Writes the sample report as a tagged PDF, to look at:
//! `cargo run -p putright-pdf --example sample -- sample.pdf`.

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "sample.pdf".to_owned());
    let pdf = putright_pdf::from_document(&putright_document::sample::annual_report())?;
    std::fs::write(&path, pdf)?;
    println!("wrote {path}");
    Ok(())
}

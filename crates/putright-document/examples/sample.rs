//! Writes the sample report as an HTML page, to look at in a browser:
//! `cargo run -p putright-document --example sample -- sample.html`.

fn main() -> std::io::Result<()> {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "sample.html".to_owned());
    let page = putright_document::html::render(&putright_document::sample::annual_report());
    std::fs::write(&path, page)?;
    println!("wrote {path}");
    Ok(())
}

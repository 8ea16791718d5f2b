use clap::Parser;

#[tokio::main]
async fn main() {
    let _ = dotenvy::dotenv();
    let cli = okienko::cli::Cli::parse();
    if let Err(e) = okienko::cli::run(cli).await {
        eprintln!("okienko: {e}");
        std::process::exit(1);
    }
}

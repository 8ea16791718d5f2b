use clap::Parser;

fn main() {
    okienko::memory::bound_allocator();
    tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("the async runtime starts").block_on(run());
}

async fn run() {
    let _ = dotenvy::dotenv();
    let cli = okienko::cli::Cli::parse();
    if let Err(e) = okienko::cli::run(cli).await {
        eprintln!("okienko: {e}");
        std::process::exit(1);
    }
}

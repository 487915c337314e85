fn main() -> std::process::ExitCode {
    kcenv::run(std::env::args_os())
}

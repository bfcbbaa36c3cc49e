fn main() {
    std::process::exit(greenroom_app::run());
}

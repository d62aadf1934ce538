// The ui library's first translation unit; the main window arrives with the foundation's first window.
namespace gw::ui {
int libraryRevision();
int libraryRevision() { return 1; }
}

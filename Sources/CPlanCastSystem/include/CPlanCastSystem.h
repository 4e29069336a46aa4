#ifndef CPLANCAST_SYSTEM_H
#define CPLANCAST_SYSTEM_H

/// Swaps the two paths in one step (Linux renameat2 RENAME_EXCHANGE, macOS renamex_np
/// RENAME_SWAP). Returns 0, or -1 with errno set (ENOSYS or EINVAL where the system or the file
/// system cannot swap).
int plancast_rename_exchange(const char *first, const char *second);

/// Renames `from` to `to` only if `to` does not exist (RENAME_NOREPLACE / RENAME_EXCL).
/// Returns 0, or -1 with errno set (EEXIST when `to` exists).
int plancast_rename_noreplace(const char *from, const char *to);

/// The width in columns of the terminal on `fd` (TIOCGWINSZ), or 0 when `fd` is not a terminal
/// or does not say.
int plancast_terminal_columns(int fd);

#endif

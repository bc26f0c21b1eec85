// State shared by the main and post steps: names only. Values never hold a credential: the undo
// records (which may hold an entry we replaced) live in a private 0600 file whose path is saved.
export const STATE = {
  undoFile: 'acr-login-undo-file',
  logout: 'acr-login-logout',
};

/** Tabs of the organization detail page. */
export type DetailTab = 'users' | 'settings' | 'history';

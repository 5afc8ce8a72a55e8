/** Whether path belongs to the public disclosure site (/public…), which anybody reads, signed in or not. */
export const isPublicPath = (path: string) => path === "/public" || path.startsWith("/public/");

import { broadcastResponseToMainFrame } from '@azure/msal-browser/redirect-bridge';

// The pop-up sign-in lands here: hand Microsoft's response to the plugin in the portal's window.
broadcastResponseToMainFrame().catch((error: unknown) => {
  document.body.textContent = `Sign-in could not be completed: ${error instanceof Error ? error.message : String(error)}`;
});

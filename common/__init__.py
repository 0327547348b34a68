"""Plain helpers the apps share: view decorators and the edit view, form widgets, the admin kit, the export
kit, the edit pipeline's conflict handling and the test harness. Imports no app of the portal."""

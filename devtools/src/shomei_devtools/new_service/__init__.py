"""The new-service skeleton (docs/new-service.md): `python -m shomei_devtools.new_service NAME`.

`names` derives every name from NAME, `render` writes services/NAME from the templates under
shomei_devtools/skeleton/, and `wiring` adds the service to the files outside its folder
(Procfile, Makefile, scripts/with-env, the import-linter contracts) where that is safe.
"""

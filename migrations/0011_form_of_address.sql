-- A staff member's form of address ("Pani" / "Pan"), kept with the account so
-- documents about one person read as Polish reads: "upoważniam Panią", "Zapoznałam
-- się z oceną". Empty (null) when not given: the texts then stay neutral.
alter table staff add column address_form text check (address_form in ('pani', 'pan'));

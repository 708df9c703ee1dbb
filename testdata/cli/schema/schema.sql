-- The database the migrations run against (as pg_dump --schema-only writes it).
CREATE TABLE public.account (
    id bigint NOT NULL,
    email text
);
CREATE SEQUENCE public.account_id_seq START WITH 1 INCREMENT BY 1 NO MINVALUE NO MAXVALUE CACHE 1;
ALTER SEQUENCE public.account_id_seq OWNED BY public.account.id;
ALTER TABLE ONLY public.account ALTER COLUMN id SET DEFAULT nextval('public.account_id_seq'::regclass);

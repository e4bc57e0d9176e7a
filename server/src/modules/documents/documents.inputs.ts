import { Field, InputType } from 'type-graphql';

@InputType({ description: "The retailer's branding: name and contacts, accent colour, footer and logo, as printed on every document." })
export class BrandingInput {
  @Field({ description: "The retailer's name, at most 128 characters." })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Postal address, lines separated by newlines; at most 500 characters.' })
  address?: string | null;

  @Field(() => String, { nullable: true, description: 'Support phone: digits, spaces and +()-. only, at most 32 characters.' })
  supportPhone?: string | null;

  @Field(() => String, { nullable: true, description: 'Support email address, at most 254 characters.' })
  supportEmail?: string | null;

  @Field(() => String, { nullable: true, description: 'Website, at most 255 characters.' })
  website?: string | null;

  @Field(() => String, { nullable: true, description: 'Accent colour, #RRGGBB; left out, the current colour stays.' })
  color?: string | null;

  @Field(() => String, { nullable: true, description: 'A line at the foot of every page, at most 1000 characters.' })
  footer?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'PNG, base64; at most 500 KB. Left out or null, the current logo stays; an empty string removes it.',
  })
  logoPng?: string | null;
}

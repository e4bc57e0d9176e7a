import { graphql } from '../../generated';

/*
 * Changing and removing a product's rates, promo codes and incentives. Each
 * answers with what the page's header shows (the new version, when it was
 * updated) and the list it changed, so the page shows the result without
 * loading the product again.
 */

export const UpdateRateMutation = graphql(`
  mutation UpdateRate($id: ID!, $input: RateInput!, $expectedVersion: Int) {
    updateRate(id: $id, input: $input, expectedVersion: $expectedVersion) {
      id
      ...ProductForProductPage
      ...ProductRatesForProductPage
    }
  }
`);

export const RemoveRateMutation = graphql(`
  mutation RemoveRate($id: ID!, $expectedVersion: Int) {
    removeRate(id: $id, expectedVersion: $expectedVersion) {
      id
      ...ProductForProductPage
      ...ProductRatesForProductPage
    }
  }
`);

export const EndRateMutation = graphql(`
  mutation EndRate($id: ID!, $effectiveTo: Date!, $expectedVersion: Int) {
    endRate(id: $id, effectiveTo: $effectiveTo, expectedVersion: $expectedVersion) {
      id
      ...ProductForProductPage
      ...ProductRatesForProductPage
    }
  }
`);

export const UpdatePromoCodeMutation = graphql(`
  mutation UpdatePromoCode($id: ID!, $input: PromoCodeInput!, $expectedVersion: Int) {
    updatePromoCode(id: $id, input: $input, expectedVersion: $expectedVersion) {
      id
      ...ProductForProductPage
      ...ProductPromoCodesForProductPage
    }
  }
`);

export const DeactivatePromoCodeMutation = graphql(`
  mutation DeactivatePromoCode($id: ID!, $expectedVersion: Int) {
    deactivatePromoCode(id: $id, expectedVersion: $expectedVersion) {
      id
      ...ProductForProductPage
      ...ProductPromoCodesForProductPage
    }
  }
`);

export const RemoveIncentiveMutation = graphql(`
  mutation RemoveIncentive($id: ID!, $expectedVersion: Int) {
    removeIncentive(id: $id, expectedVersion: $expectedVersion) {
      id
      ...ProductForProductPage
      ...ProductIncentivesForProductPage
    }
  }
`);

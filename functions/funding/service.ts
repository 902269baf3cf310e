/**
 * What the funding handlers share: finding a project the caller may see (404 otherwise, the
 * same as a project that does not exist), and turning a record or cost body into an item whose
 * references hold (partner in the project, its category, a work package, a day inside a period).
 */
import { getPartner, listPartnersWithResources } from '#functions/networks/store';
import type { CallerOf } from '#shared/http/auth';
import { type FieldError, NotFoundError, ValidationError } from '#shared/http/errors';
import { mailStorage } from '#shared/mail/storage';
import { periodOf } from './periods';
import { factsOf, type ProjectData, takesPart } from './project';
import { type Cost, type CreateCostBody, type Period, type Project, RECEIPT_MAX_BYTES } from './schema';
import { getProject, loadChildren, receiptKey } from './store';

export type FundingCaller = CallerOf<'coordinator' | 'partner'>;

/** The project if the caller may see it: coordinators every one of their network, partners theirs. */
export async function projectFor(caller: FundingCaller, projectId: string): Promise<Project> {
  const project = await getProject(caller.networkId, projectId);
  if (!project || !takesPart(project, caller)) throw new NotFoundError('project');
  return project;
}

/** The project with everything below it (for a partner: its own records and costs only). */
export async function projectDataFor(
  caller: FundingCaller,
  projectId: string,
  all = false,
): Promise<ProjectData> {
  const project = await projectFor(caller, projectId);
  const mine = caller.role === 'partner' && !all ? caller.partnerId : undefined;
  const children = await loadChildren(caller.networkId, projectId, mine);
  return { project, ...children };
}

/** The network's partners as the checks see them. */
export async function partnerFacts(networkId: string) {
  const { partners } = await listPartnersWithResources(networkId);
  return factsOf(partners);
}

export function invalid(errors: FieldError[]): never {
  throw new ValidationError(`${errors[0]!.path}: ${errors[0]!.message}`, errors);
}

/** Whose entry this is: a partner its own (naming another is 404), the coordinator must name one. */
export function entryPartner(caller: FundingCaller, project: Project, partnerId: string | undefined): string {
  if (caller.role === 'partner') {
    if (partnerId !== undefined && partnerId !== caller.partnerId) throw new NotFoundError('partner');
    return caller.partnerId;
  }
  if (partnerId === undefined)
    invalid([{ path: 'partnerId', message: 'is required for the coordinator', code: 'required' }]);
  if (!project.partners.some((p) => p.partnerId === partnerId)) {
    invalid([
      { path: 'partnerId', message: `${partnerId} is not a project partner`, code: 'not_in_project' },
    ]);
  }
  return partnerId;
}

/** The period of a day or week inside the project, or a 400 naming `field`. */
export function periodFor(project: Project, when: string, field: string): Period {
  const period = periodOf(project.periods, when);
  if (!period) {
    invalid([
      {
        path: field,
        message: `must lie within the project ${project.start} to ${project.end}`,
        code: 'outside_project',
      },
    ]);
  }
  return period;
}

/** Errors of references in an entry: the work package and (records) the partner's category. */
export function referenceErrors(
  project: Project,
  partnerId: string,
  entry: { workPackageId?: string; categoryId?: string },
): FieldError[] {
  const errors: FieldError[] = [];
  if (entry.workPackageId !== undefined && !project.workPackages.some((w) => w.id === entry.workPackageId)) {
    errors.push({
      path: 'workPackageId',
      message: `no work package ${entry.workPackageId} in this project`,
      code: 'unknown_work_package',
    });
  }
  if (
    entry.categoryId !== undefined &&
    !project.categories.some((c) => c.id === entry.categoryId && c.partnerId === partnerId)
  ) {
    errors.push({
      path: 'categoryId',
      message: `partner ${partnerId} has no person category ${entry.categoryId}`,
      code: 'unknown_category',
    });
  }
  return errors;
}

/**
 * The resource a partner's hours book: the one named (400 naming `resourceId` when the partner
 * has no such resource), else the partner's first `people` resource; none: the hours book nothing.
 */
export async function bookedResource(
  networkId: string,
  partnerId: string,
  resourceId: string | undefined,
): Promise<string | undefined> {
  const resources = (await getPartner(networkId, partnerId))?.resources ?? [];
  if (resourceId !== undefined) {
    if (!resources.some((r) => r.id === resourceId))
      invalid([
        { path: 'resourceId', message: `${resourceId} is not a resource of the partner`, code: 'unknown' },
      ]);
    return resourceId;
  }
  return resources
    .filter((r) => r.kind === 'people')
    .map((r) => r.id)
    .sort()[0];
}

/**
 * Stores an uploaded receipt beside the mail attachments and answers what the cost keeps of it.
 * Stored before the cost is written: a cost never points at a receipt that is not there (a failed
 * write leaves an unreferenced file). `rev` makes a replacement its own file.
 */
export async function storeReceipt(
  networkId: string,
  projectId: string,
  costId: string,
  receipt: NonNullable<CreateCostBody['receipt']>,
  rev?: string,
): Promise<NonNullable<Cost['receipt']>> {
  const bytes = Buffer.from(receipt.contentBase64, 'base64');
  if (bytes.length === 0 || bytes.length > RECEIPT_MAX_BYTES) {
    invalid([{ path: 'receipt.contentBase64', message: 'must hold 1 byte to 2 MB', code: 'too_big' }]);
  }
  await mailStorage().putAttachment(
    receiptKey(networkId, projectId, costId, rev),
    bytes,
    receipt.contentType,
  );
  return {
    filename: receipt.filename,
    contentType: receipt.contentType,
    bytes: bytes.length,
    ...(rev ? { rev } : {}),
  };
}
